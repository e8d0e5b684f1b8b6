// Rejected events in SQLite, bounded by count and by bytes (dead-letter.ts: what a letter is).
import type { Database } from 'better-sqlite3';
import { DEAD_LETTER_BYTES_LIMIT, DEAD_LETTER_LIMIT, readLetter, storedLetter, type DeadLetter } from '../../ingest/dead-letter';

interface DeadLetterRow {
  received_ms: number;
  idx: number;
  event_id: string | null;
  errors: string;
  event: string;
}

export class DeadLetters {
  readonly #insert;
  readonly #bytesThrough;
  readonly #trimCount;
  readonly #trimBytes;
  readonly #newest;

  constructor(db: Database) {
    this.#insert = db.prepare(
      'INSERT INTO rejected (received_ms, idx, event_id, errors, event, bytes, bytes_through) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.#bytesThrough = db.prepare<[], { total: number }>('SELECT coalesce(max(bytes_through), 0) AS total FROM rejected');
    this.#trimCount = db.prepare(`DELETE FROM rejected WHERE seq <= (SELECT max(seq) FROM rejected) - ${DEAD_LETTER_LIMIT}`);
    // bytes_through is the running total of bytes ever stored: the oldest row reaching past
    // (total − cap) straddles the cut, so it goes with everything before it.
    this.#trimBytes = db.prepare<[number]>(
      'DELETE FROM rejected WHERE seq <= (SELECT seq FROM rejected WHERE bytes_through > ? ORDER BY bytes_through LIMIT 1)',
    );
    // A scope sees the letters whose county lies inside it; the region sees them all, those
    // with no county or an unknown one included. The table is bounded in rows and bytes.
    this.#newest = db.prepare<[{ limit: number; within: string | null }], DeadLetterRow>(
      `SELECT received_ms, idx, event_id, errors, event FROM rejected
       WHERE @within IS NULL
          OR (json_valid(event) AND json_extract(event, '$.county') IN (SELECT value FROM json_each(@within)))
       ORDER BY seq DESC LIMIT @limit`,
    );
  }

  /** Call inside the batch's transaction. */
  add(letters: readonly DeadLetter[]): void {
    if (letters.length === 0) return;
    let through = this.#bytesThrough.get()?.total ?? 0;
    for (const letter of letters) {
      const { errors, event, bytes } = storedLetter(letter);
      through += bytes;
      this.#insert.run(letter.receivedAt, letter.index, letter.id ?? null, errors, event, bytes, through);
    }
    this.#trimCount.run();
    if (through > DEAD_LETTER_BYTES_LIMIT) this.#trimBytes.run(through - DEAD_LETTER_BYTES_LIMIT);
  }

  /** `within`: the counties of a scope, or null for every letter. */
  newest(limit: number, within: readonly string[] | null): DeadLetter[] {
    return this.#newest.all({ limit, within: within && JSON.stringify(within) }).map(readLetter);
  }
}
