// A rejected event as it is kept for operators (GET /api/v1/rejected). Hostile senders must not
// be able to fill the disk or the console: a stored event is cut past a few kilobytes, and each
// engine keeps only the newest rejections, by count and by bytes.
import type { Rejection } from './batch-plan';

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

/** A letter as a row holds it: JSON text, and the bytes it takes. */
export interface StoredLetter {
  readonly errors: string;
  readonly event: string;
  readonly bytes: number;
}

export function deadLettersOf(rejected: readonly Rejection[], receivedAt: number): DeadLetter[] {
  return rejected.map((r) => ({ receivedAt, index: r.index, ...(r.id === undefined ? {} : { id: r.id }), errors: r.errors, event: r.raw }));
}

export function storedLetter(letter: DeadLetter): StoredLetter {
  const errors = JSON.stringify(letter.errors);
  const event = storedForm(letter.event);
  return { errors, event, bytes: Buffer.byteLength(errors) + Buffer.byteLength(event) };
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

/** A row back into a letter. */
export function readLetter(row: { received_ms: number; idx: number; event_id: string | null; errors: string; event: string }): DeadLetter {
  return {
    receivedAt: row.received_ms,
    index: row.idx,
    ...(row.event_id === null ? {} : { id: row.event_id }),
    errors: JSON.parse(row.errors) as string[],
    event: JSON.parse(row.event) as unknown,
  };
}
