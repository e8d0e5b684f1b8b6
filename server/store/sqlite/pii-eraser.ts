// Victims' data erased from the SQLite file itself: secure_delete (open-database.ts) zeroes what
// an update leaves behind in a page, and a checkpoint afterwards truncates the write-ahead log
// that still held the old pages.
import type { Database } from 'better-sqlite3';
import type { Meta } from './meta';
import { PII_CURSORS, piiStatements, planErasure, type DeadLetterRow, type StoredEventRow } from '../sql/pii-rows';

export class SqlitePiiEraser {
  readonly #chunk: (cutoffMs: number, limit: number) => number;

  constructor(private readonly db: Database, meta: Meta) {
    const sql = piiStatements(() => '?');
    const events = db.prepare<[number, number], StoredEventRow>(sql.events);
    const deadLetters = db.prepare<[number, number], DeadLetterRow>(sql.deadLetters);
    const eraseEvent = db.prepare<[string, number]>(sql.eraseEvent);
    const eraseWarning = db.prepare<[string]>(sql.eraseWarning);
    const eraseDeadLetter = db.prepare<[string, number]>(sql.eraseDeadLetter);
    const cursor = (key: string) => Number(meta.get(key) ?? 0);
    this.#chunk = db.transaction((cutoffMs: number, limit: number) => {
      const plan = planErasure(events.all(cursor(PII_CURSORS.events), limit), deadLetters.all(cursor(PII_CURSORS.deadLetters), limit), cutoffMs);
      for (const { seq, id, body } of plan.events) {
        eraseEvent.run(body, seq);
        eraseWarning.run(id);
      }
      for (const { seq, event } of plan.deadLetters) eraseDeadLetter.run(event, seq);
      if (plan.eventsThrough !== undefined) meta.set(PII_CURSORS.events, String(plan.eventsThrough));
      if (plan.deadLettersThrough !== undefined) meta.set(PII_CURSORS.deadLetters, String(plan.deadLettersThrough));
      return plan.passed;
    });
  }

  /** Erases up to `limit` events and dead letters received before `cutoffMs`; how many it passed over. */
  chunk(cutoffMs: number, limit: number): number {
    return this.#chunk(cutoffMs, limit);
  }

  /** Copies the log into the file and truncates it, so no old page survives there. */
  compact(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }
}
