// The alarms' targets and outbox in SQLite (issue 26): one node, one writer, so each call is one
// transaction and the sending lease is only ever this node's — kept anyway, so a second process
// on the same file (a restart overlapping the old one) cannot send twice.
import type { Database } from 'better-sqlite3';
import { mergedOutbox, SENT_KEPT_MS, SUBJECTS_KEPT_MS, SWEEP_LIMIT, type AlertTables, type Delivery, type TargetChange, type TargetOutbox } from '../../alerts/alerts-api';
import { alertStatements } from '../sql/alert-sql';

type Row = { id: number; target: string; subject: string; body: string; createdMs: number; attempts: number };

export class SqliteAlerts implements AlertTables {
  readonly #db: Database;
  readonly #sql = alertStatements(() => '?');
  readonly #raise;
  readonly #settle;

  constructor(db: Database) {
    this.#db = db;
    const raiseSubject = db.prepare<[string, string, number, number], { raised_ms: number }>(this.#sql.raiseSubject);
    const queue = db.prepare<[string, string, string, number, number]>(this.#sql.queue);
    this.#raise = db.transaction((alarms: readonly { target: string; subject: string; body: string }[], repeatMs: number, nowMs: number) => {
      let queued = 0;
      for (const alarm of alarms) {
        if (raiseSubject.get(alarm.target, alarm.subject, nowMs, nowMs - repeatMs) === undefined) continue;
        queue.run(alarm.target, alarm.subject, alarm.body, nowMs, nowMs);
        queued++;
      }
      return queued;
    });
    const sent = db.prepare<[number, number, string]>('UPDATE alert_outbox SET sent_ms = ?, via = ?, error = NULL WHERE id IN (SELECT value FROM json_each(?))');
    const failed = db.prepare<[string, number, string]>('UPDATE alert_outbox SET attempts = attempts + 1, error = ?, due_ms = ? WHERE id IN (SELECT value FROM json_each(?))');
    const countSent = db.prepare<[string, number]>(this.#sql.countSent);
    const countFailed = db.prepare<[string, string]>(this.#sql.countFailed);
    const sweepSent = db.prepare<[number, number]>(this.#sql.sweepSent);
    const sweepSubjects = db.prepare<[number]>(this.#sql.sweepSubjects);
    this.#settle = db.transaction((delivery: Delivery, nowMs: number) => {
      const ids = JSON.stringify(delivery.ids);
      if (delivery.ok) {
        sent.run(nowMs, delivery.ids[0] ?? 0, ids);
        countSent.run(delivery.target, nowMs);
      } else {
        failed.run(delivery.error, delivery.retryAtMs, ids);
        countFailed.run(delivery.target, delivery.error);
      }
      sweepSent.run(nowMs - SENT_KEPT_MS, SWEEP_LIMIT);
      sweepSubjects.run(nowMs - SUBJECTS_KEPT_MS);
    });
  }

  targets() {
    return this.#db.prepare<[], { name: string; body: string }>(this.#sql.targets).all();
  }

  saveTarget(name: string, scope: string, body: string, mode: 'add' | 'replace'): TargetChange {
    const { changes } =
      mode === 'add' ? this.#db.prepare<[string, string, string]>(this.#sql.addTarget).run(name, scope, body) : this.#db.prepare<[string, string, string]>(this.#sql.replaceTarget).run(scope, body, name);
    return changes === 1 ? 'done' : mode === 'add' ? 'exists' : 'missing';
  }

  removeTarget(name: string): TargetChange {
    return this.#db.transaction(() => {
      if (this.#db.prepare<[string]>(this.#sql.removeTarget).run(name).changes !== 1) return 'missing';
      for (const statement of this.#sql.removeTargetsRest) this.#db.prepare<[string]>(statement).run(name);
      return 'done';
    })();
  }

  raise(alarms: readonly { target: string; subject: string; body: string }[], repeatMs: number, nowMs: number): number {
    return this.#raise(alarms, repeatMs, nowMs);
  }

  takeSending(node: string, nowMs: number, untilMs: number): boolean {
    return this.#db.prepare<[string, number, number]>(this.#sql.takeSender).get(node, untilMs, nowMs) !== undefined;
  }

  releaseSending(node: string): void {
    this.#db.prepare<[string]>(this.#sql.releaseSender).run(node);
  }

  due(nowMs: number, limit: number): Row[] {
    return this.#db.prepare<[number, number], Row>(this.#sql.due).all(nowMs, limit);
  }

  deliveriesSince(sinceMs: number) {
    return this.#db.prepare<[number], { target: string; deliveries: number }>(this.#sql.deliveriesSince).all(sinceMs);
  }

  settle(delivery: Delivery, nowMs: number): void {
    this.#settle(delivery, nowMs);
  }

  outbox(): TargetOutbox[] {
    const pending = this.#db.prepare<[], { target: string; pending: number; oldestMs: number; attempts: number }>(this.#sql.pendingByTarget).all();
    const counts = this.#db.prepare<[], { target: string; sent: number; failed: number; lastSentMs: number | null; lastError: string | null }>(this.#sql.counts).all();
    return mergedOutbox(pending, counts);
  }
}
