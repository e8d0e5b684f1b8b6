// Victims' data erased in PostgreSQL: each chunk under the cluster's write lock (so no batch
// reads a body half-way), rows updated a chunk at a time from arrays; VACUUM afterwards frees
// the old row versions. PostgreSQL has no secure delete: freed bytes stay in the data files
// until reused, and in WAL archives and backups for as long as those are kept (README).
import type pg from 'pg';
import { PII_CURSORS, piiStatements, planErasure, type DeadLetterRow, type StoredEventRow } from '../sql/pii-rows';
import { lockedTransaction, LOCKS } from './transaction';

const SQL = piiStatements((n) => `$${n}`);

export class PgPiiEraser {
  constructor(private readonly pool: pg.Pool) {}

  /** Erases up to `limit` events and dead letters received before `cutoffMs`; how many it passed over. */
  chunk(cutoffMs: number, limit: number): Promise<number> {
    return lockedTransaction(this.pool, LOCKS.write, async (client) => {
      const cursor = async (key: string) => Number((await client.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key])).rows[0]?.value ?? 0);
      const events = (await client.query<StoredEventRow>(SQL.events, [await cursor(PII_CURSORS.events), limit])).rows;
      const letters = (await client.query<DeadLetterRow>(SQL.deadLetters, [await cursor(PII_CURSORS.deadLetters), limit])).rows;
      const plan = planErasure(events, letters, cutoffMs);
      if (plan.events.length > 0) {
        await client.query('UPDATE events e SET body = u.body FROM unnest($1::bigint[], $2::text[]) AS u(seq, body) WHERE e.seq = u.seq', [
          plan.events.map((e) => e.seq),
          plan.events.map((e) => e.body),
        ]);
        await client.query("UPDATE warnings SET phone = '', name = NULL WHERE id = ANY($1::text[])", [plan.events.map((e) => e.id)]);
      }
      if (plan.deadLetters.length > 0) {
        await client.query('UPDATE rejected r SET event = u.event, event_id = NULL FROM unnest($1::bigint[], $2::text[]) AS u(seq, event) WHERE r.seq = u.seq', [
          plan.deadLetters.map((d) => d.seq),
          plan.deadLetters.map((d) => d.event),
        ]);
      }
      const setCursor = (key: string, seq: number) => client.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, String(seq)]);
      if (plan.eventsThrough !== undefined) await setCursor(PII_CURSORS.events, plan.eventsThrough);
      if (plan.deadLettersThrough !== undefined) await setCursor(PII_CURSORS.deadLetters, plan.deadLettersThrough);
      return plan.passed;
    });
  }

  /** Frees the row versions the erasure left behind. */
  async compact(): Promise<void> {
    await this.pool.query('VACUUM events, warnings, rejected');
  }
}
