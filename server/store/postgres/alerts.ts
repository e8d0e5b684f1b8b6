// The alarms' targets and outbox in PostgreSQL (issue 26), shared by every node: raising is an
// upsert that answers only the node that (re)raised a subject, so an alarm raised on two nodes
// at once is queued once; sending is the lease holder's alone.
import type pg from 'pg';
import { mergedOutbox, SENT_KEPT_MS, SUBJECTS_KEPT_MS, SWEEP_LIMIT, type AlertTables, type Delivery, type TargetChange, type TargetOutbox } from '../../alerts/alerts-api';
import { alertStatements } from '../sql/alert-sql';
import { transaction } from './transaction';

const SQL = alertStatements((n) => `$${n}`);

type Row = { id: string; target: string; subject: string; body: string; createdMs: string; attempts: number };

export class PgAlerts implements AlertTables {
  constructor(private readonly pool: pg.Pool) {}

  async targets() {
    return (await this.pool.query<{ name: string; body: string }>(SQL.targets)).rows;
  }

  async saveTarget(name: string, scope: string, body: string, mode: 'add' | 'replace'): Promise<TargetChange> {
    const { rowCount } = await this.pool.query(mode === 'add' ? SQL.addTarget : SQL.replaceTarget, mode === 'add' ? [name, scope, body] : [scope, body, name]);
    return rowCount === 1 ? 'done' : mode === 'add' ? 'exists' : 'missing';
  }

  removeTarget(name: string): Promise<TargetChange> {
    return transaction(this.pool, 'BEGIN', async (client) => {
      if ((await client.query(SQL.removeTarget, [name])).rowCount !== 1) return 'missing';
      for (const statement of SQL.removeTargetsRest) await client.query(statement, [name]);
      return 'done';
    });
  }

  raise(alarms: readonly { target: string; subject: string; body: string }[], repeatMs: number, nowMs: number): Promise<number> {
    return transaction(this.pool, 'BEGIN', async (client) => {
      let queued = 0;
      for (const alarm of alarms) {
        const { rowCount } = await client.query(SQL.raiseSubject, [alarm.target, alarm.subject, nowMs, nowMs - repeatMs]);
        if (rowCount !== 1) continue;
        await client.query(SQL.queue, [alarm.target, alarm.subject, alarm.body, nowMs, nowMs]);
        queued++;
      }
      return queued;
    });
  }

  async takeSending(node: string, nowMs: number, untilMs: number): Promise<boolean> {
    return (await this.pool.query(SQL.takeSender, [node, untilMs, nowMs])).rowCount === 1;
  }

  async releaseSending(node: string): Promise<void> {
    await this.pool.query(SQL.releaseSender, [node]);
  }

  async due(nowMs: number, limit: number) {
    const { rows } = await this.pool.query<Row>(SQL.due, [nowMs, limit]);
    return rows.map((row) => ({ ...row, id: Number(row.id), createdMs: Number(row.createdMs) }));
  }

  async deliveriesSince(sinceMs: number) {
    const { rows } = await this.pool.query<{ target: string; deliveries: string }>(SQL.deliveriesSince, [sinceMs]);
    return rows.map((row) => ({ target: row.target, deliveries: Number(row.deliveries) }));
  }

  settle(delivery: Delivery, nowMs: number): Promise<void> {
    return transaction(this.pool, 'BEGIN', async (client) => {
      if (delivery.ok) {
        await client.query('UPDATE alert_outbox SET sent_ms = $1, via = $2, error = NULL WHERE id = ANY($3::bigint[])', [nowMs, delivery.ids[0] ?? 0, delivery.ids]);
        await client.query(SQL.countSent, [delivery.target, nowMs]);
      } else {
        await client.query('UPDATE alert_outbox SET attempts = attempts + 1, error = $1, due_ms = $2 WHERE id = ANY($3::bigint[])', [delivery.error, delivery.retryAtMs, delivery.ids]);
        await client.query(SQL.countFailed, [delivery.target, delivery.error]);
      }
      await client.query(SQL.sweepSent, [nowMs - SENT_KEPT_MS, SWEEP_LIMIT]);
      await client.query(SQL.sweepSubjects, [nowMs - SUBJECTS_KEPT_MS]);
    });
  }

  async outbox(): Promise<TargetOutbox[]> {
    const pending = await this.pool.query<{ target: string; pending: string; oldestMs: string; attempts: number }>(SQL.pendingByTarget);
    const counts = await this.pool.query<{ target: string; sent: string; failed: string; lastSentMs: string | null; lastError: string | null }>(SQL.counts);
    return mergedOutbox(pending.rows, counts.rows);
  }
}
