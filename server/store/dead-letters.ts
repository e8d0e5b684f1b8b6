// Rejected events, kept with their reasons for operators (GET /api/v1/rejected).
import type { Database } from 'better-sqlite3';

/** Hostile senders must not be able to fill the disk: only the newest rejections are kept. */
export const DEAD_LETTER_LIMIT = 100_000;

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

/** The event as received; one nested too deeply to write back out is kept as a note saying so. */
function serialise(event: unknown): string {
  try {
    return JSON.stringify(event) ?? 'null';
  } catch {
    return JSON.stringify({ unserialisable: 'nested too deeply to store' });
  }
}

export class DeadLetters {
  readonly #insert;
  readonly #trim;
  readonly #newest;

  constructor(db: Database) {
    this.#insert = db.prepare('INSERT INTO rejected (received_ms, idx, event_id, errors, event) VALUES (?, ?, ?, ?, ?)');
    this.#trim = db.prepare(`DELETE FROM rejected WHERE seq <= (SELECT max(seq) FROM rejected) - ${DEAD_LETTER_LIMIT}`);
    this.#newest = db.prepare<[number], DeadLetterRow>(
      'SELECT received_ms, idx, event_id, errors, event FROM rejected ORDER BY seq DESC LIMIT ?',
    );
  }

  /** Call inside the batch's transaction. */
  add(letters: readonly DeadLetter[]): void {
    if (letters.length === 0) return;
    for (const letter of letters) {
      this.#insert.run(
        letter.receivedAt,
        letter.index,
        letter.id ?? null,
        JSON.stringify(letter.errors),
        serialise(letter.event),
      );
    }
    this.#trim.run();
  }

  newest(limit: number): DeadLetter[] {
    return this.#newest.all(limit).map((row) => ({
      receivedAt: row.received_ms,
      index: row.idx,
      ...(row.event_id === null ? {} : { id: row.event_id }),
      errors: JSON.parse(row.errors) as string[],
      event: JSON.parse(row.event) as unknown,
    }));
  }
}
