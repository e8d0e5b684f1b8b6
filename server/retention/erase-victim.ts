// What erasing a victim's personal data leaves of an event (issue 14): the warning keeps every
// field that is counted — its time, county, level, source, fraud type — and its victim keeps an
// empty phone and no name. A phone of 5–20 digits is required on ingest, so an empty one can
// only mean "erased". The same transform decides whether an event re-sent after erasure is the
// one stored: equal once its own victim is erased too.
import type { StoredEvent } from '../../shared/schema/claim-event';
import {
  CASE_KINDS,
  CONTACT_CHANNELS,
  CONTACT_RESULTS,
  ESCALATION_OUTCOMES,
  ESCALATION_STEPS,
  EVENT_TYPES,
  FRAUD_TYPES,
  INTERCEPTION_KINDS,
  OUTREACH_FORMATS,
  OUTREACH_UNITS,
  RISK_LEVELS,
  WARNING_SOURCES,
} from '../../shared/vocabulary';

export const ERASED_PHONE = '';

export function withVictimErased<E extends StoredEvent>(event: E): E {
  // Spreading keeps the key order, so the stored body stays canonical.
  return event.type === 'warning' ? { ...event, victim: { phone: ERASED_PHONE } } : event;
}

/** A stored event's body with its victim erased, or undefined if there is nothing to erase. */
export function erasedEventBody(body: string): string | undefined {
  const event = JSON.parse(body) as StoredEvent;
  if (event.type !== 'warning' || event.victim.phone === ERASED_PHONE) return undefined;
  return JSON.stringify(withVictimErased(event));
}

/**
 * The fields a dead letter keeps once it is due (issue 22), each only when it holds one of the
 * values that field may hold: what kind of event it was, when and where. Everything else goes —
 * the victim, free text, ids (a sender may use a phone as one) and any field a sender made up —
 * so nothing personal survives whatever shape the letter has.
 */
const KEPT: Readonly<Record<string, (value: unknown) => boolean>> = {
  type: oneOf(EVENT_TYPES),
  at: (value) => typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value)),
  county: (value) => typeof value === 'string' && /^\d{6}$/.test(value),
  level: oneOf(RISK_LEVELS),
  source: oneOf(WARNING_SOURCES),
  fraudType: oneOf(FRAUD_TYPES),
  result: oneOf(CONTACT_RESULTS),
  channel: oneOf(CONTACT_CHANNELS),
  step: oneOf(ESCALATION_STEPS),
  outcome: oneOf(ESCALATION_OUTCOMES),
  kind: (value) => oneOf(INTERCEPTION_KINDS)(value) || oneOf(CASE_KINDS)(value),
  unit: oneOf(OUTREACH_UNITS),
  format: oneOf(OUTREACH_FORMATS),
};

function oneOf(values: readonly string[]): (value: unknown) => boolean {
  return (value) => typeof value === 'string' && values.includes(value);
}

/**
 * A due dead letter's stored event (JSON text) with nothing personal left: an object keeps the
 * KEPT fields that hold what they may, and says it was erased; anything else — a string, an
 * array, a number, a letter cut at its size limit — keeps only that it was erased.
 */
export function erasedDeadLetter(event: string): string {
  const raw: unknown = JSON.parse(event);
  const kept: Record<string, unknown> = { erased: true };
  const isPlainObject = typeof raw === 'object' && raw !== null && !Array.isArray(raw) && !('truncated' in raw);
  if (isPlainObject) {
    for (const [field, allowed] of Object.entries(KEPT)) {
      const value = (raw as Record<string, unknown>)[field];
      if (allowed(value)) kept[field] = value;
    }
  }
  return JSON.stringify(kept);
}
