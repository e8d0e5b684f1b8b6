// Rejected events, kept with their reasons for operators (GET /api/v1/rejected). Hostile
// senders must not be able to fill the disk or the console: a stored event is cut past a few
// kilobytes, and only the newest rejections are kept, by count and by bytes.
import type { Database } from 'better-sqlite3';

export const DEAD_LETTER_LIMIT = 100_000;
export const DEAD_LETTER_BYTES_LIMIT = 64 * 1024 * 1024;
/** The most of one rejected event kept, as JSON text. */
export const DEAD_LETTER_EVENT_CHARS = 4_096;

export interface DeadLetter {
  readonly receivedAt: number;
  readonly index: number;
  readonly id?: string;
  readonly errors: readonly string[];
  readonly event: unknown;
}

interface DeadLetterRow {
  received_ms: number;
  idx: number;
  event_id: string | null;
  errors: string;
  event: string;
}

/** The event as received, cut with a marker past the limit; one nested too deeply to write out is kept as a note saying so. */
function storedForm(event: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(event) ?? 'null';
  } catch {
    return JSON.stringify({ unserialisable: 'nested too deeply to store' });
  }
  if (text.length <= DEAD_LETTER_EVENT_CHARS) return text;
  return JSON.stringify({ truncated: true, length: text.length, head: text.slice(0, DEAD_LETTER_EVENT_CHARS) });
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
      const errors = JSON.stringify(letter.errors);
      const event = storedForm(letter.event);
      const bytes = Buffer.byteLength(errors) + Buffer.byteLength(event);
      through += bytes;
      this.#insert.run(letter.receivedAt, letter.index, letter.id ?? null, errors, event, bytes, through);
    }
    this.#trimCount.run();
    if (through > DEAD_LETTER_BYTES_LIMIT) this.#trimBytes.run(through - DEAD_LETTER_BYTES_LIMIT);
  }

  /** `within`: the counties of a scope, or null for every letter. */
  newest(limit: number, within: readonly string[] | null): DeadLetter[] {
    return this.#newest.all({ limit, within: within && JSON.stringify(within) }).map((row) => ({
      receivedAt: row.received_ms,
      index: row.idx,
      ...(row.event_id === null ? {} : { id: row.event_id }),
      errors: JSON.parse(row.errors) as string[],
      event: JSON.parse(row.event) as unknown,
    }));
  }
}
