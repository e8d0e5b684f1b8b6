// Erasing victims' personal data after FRAUDWALL_PII_RETENTION_DAYS, in either engine: a chunk
// walks the events and the dead letters in the order they were stored from where the last one
// stopped (a cursor in meta), and erases those received before the cutoff — a bounded read by
// primary key each time, never a scan of years.
import { erasedDeadLetter, erasedEventBody } from '../../retention/erase-victim';

export const PII_CURSORS = { events: 'pii.events_through', deadLetters: 'pii.rejected_through' } as const;

export interface StoredEventRow {
  seq: number;
  id: string;
  received_ms: number;
  body: string;
}

export interface DeadLetterRow {
  seq: number;
  received_ms: number;
  event: string;
}

export interface ErasurePlan {
  readonly events: readonly { seq: number; id: string; body: string }[];
  readonly deadLetters: readonly { seq: number; event: string }[];
  /** Where each cursor moves to, if it moves. */
  readonly eventsThrough?: number;
  readonly deadLettersThrough?: number;
  /** Rows passed over, erased or not: 0 means nothing is due. */
  readonly passed: number;
}

/** The rows from the start that were received before the cutoff: a chunk never skips one that is not yet due. */
function due<T extends { received_ms: number }>(rows: readonly T[], cutoffMs: number): T[] {
  const first = rows.findIndex((row) => row.received_ms >= cutoffMs);
  return first === -1 ? [...rows] : rows.slice(0, first);
}

export function planErasure(events: readonly StoredEventRow[], deadLetters: readonly DeadLetterRow[], cutoffMs: number): ErasurePlan {
  const dueEvents = due(events, cutoffMs);
  const dueLetters = due(deadLetters, cutoffMs);
  return {
    events: dueEvents.flatMap(({ seq, id, body }) => {
      const erased = erasedEventBody(body);
      return erased === undefined ? [] : [{ seq, id, body: erased }];
    }),
    // Every due letter, whatever it holds: its shape is the sender's, so nothing is assumed of it.
    deadLetters: dueLetters.map(({ seq, event }) => ({ seq, event: erasedDeadLetter(event) })),
    ...(dueEvents.length > 0 ? { eventsThrough: dueEvents.at(-1)!.seq } : {}),
    ...(dueLetters.length > 0 ? { deadLettersThrough: dueLetters.at(-1)!.seq } : {}),
    passed: dueEvents.length + dueLetters.length,
  };
}

export function piiStatements(placeholder: (n: number) => string) {
  const [a, b] = [1, 2].map(placeholder);
  return {
    /** after seq, limit */
    events: `SELECT seq, id, received_ms, body FROM events WHERE seq > ${a} ORDER BY seq LIMIT ${b}`,
    /** after seq, limit */
    deadLetters: `SELECT seq, received_ms, event FROM rejected WHERE seq > ${a} ORDER BY seq LIMIT ${b}`,
    /** body, seq */
    eraseEvent: `UPDATE events SET body = ${a} WHERE seq = ${b}`,
    /** warning id: its projection keeps no phone or name either */
    eraseWarning: `UPDATE warnings SET phone = '', name = NULL WHERE id = ${a}`,
    /** event, seq: the id goes too (a sender may use a phone as one) */
    eraseDeadLetter: `UPDATE rejected SET event = ${a}, event_id = NULL WHERE seq = ${b}`,
  };
}
