// The append-only log of accepted events, keyed by the sender's `id`.
import type { Database } from 'better-sqlite3';
import type { StoredEvent } from '../../../shared/schema/claim-event';
import type { WarningTime } from '../../aggregate/live-basis';
import { WARNING_TIMES_SQL } from '../sql/warning-times-sql';

export interface LoggedEvent {
  readonly event: StoredEvent;
  readonly body: string;
  readonly atMs: number;
  readonly day: string;
}

export class EventLog {
  readonly #bodiesByIds;
  readonly #insert;
  readonly #newest;
  readonly #any;
  readonly #history;
  readonly #warningTimes;

  constructor(db: Database) {
    this.#bodiesByIds = db.prepare<[string], { id: string; body: string }>(
      'SELECT id, body FROM events WHERE id IN (SELECT value FROM json_each(?))',
    );
    // Positional parameters on the hot inserts: binding by name cost a quarter of ingest throughput.
    this.#insert = db.prepare(
      `INSERT INTO events (id, type, at_ms, day, county, warning_id, body, received_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // By the range of seq, not by walking the table: the newest rows are the highest seqs.
    this.#newest = db.prepare<[number], { body: string }>(
      'SELECT body FROM events WHERE seq > (SELECT max(seq) FROM events) - ? ORDER BY seq DESC',
    );
    this.#any = db.prepare<[], { last: number | null }>('SELECT max(seq) AS last FROM events');
    this.#history = db.prepare<[string, string, number], { body: string }>(
      `SELECT body FROM (SELECT body, at_ms, seq FROM events WHERE id = ? OR warning_id = ? ORDER BY at_ms DESC, seq DESC LIMIT ?)
       ORDER BY at_ms, seq`,
    );
    this.#warningTimes = db.prepare<[string], WarningTime>(WARNING_TIMES_SQL('?'));
  }

  /** When each warning of a day happened, by county (as sent: currentCounty maps a retired code). */
  warningTimes(day: string): WarningTime[] {
    return this.#warningTimes.all(day);
  }

  /** The canonical bodies already stored under any of `ids`, by id: one statement for a batch. */
  bodiesOf(ids: readonly string[]): Map<string, string> {
    return new Map(this.#bodiesByIds.all(JSON.stringify(ids)).map((row) => [row.id, row.body]));
  }

  append(logged: LoggedEvent, receivedMs: number): void {
    const { event } = logged;
    const warningId = 'warningId' in event ? (event.warningId ?? null) : null;
    this.#insert.run(event.id, event.type, logged.atMs, logged.day, event.county, warningId, logged.body, receivedMs);
  }

  /** Newest first. */
  newest(limit: number): StoredEvent[] {
    return this.#newest.all(limit).map((row) => JSON.parse(row.body) as StoredEvent);
  }

  isEmpty(): boolean {
    return (this.#any.get()?.last ?? null) === null;
  }

  /** A warning and everything that happened to it, in time order: the newest `limit` events. */
  historyOf(warningId: string, limit: number): StoredEvent[] {
    return this.#history.all(warningId, warningId, limit).map((row) => JSON.parse(row.body) as StoredEvent);
  }
}
