// What erasing a victim's personal data leaves of an event (issue 14): the warning keeps every
// field that is counted — its time, county, level, source, fraud type — and its victim keeps an
// empty phone and no name. A phone of 5–20 digits is required on ingest, so an empty one can
// only mean "erased". The same transform decides whether an event re-sent after erasure is the
// one stored: equal once its own victim is erased too.
import type { FraudEvent } from '../../shared/schema/events';

export const ERASED_PHONE = '';

export function withVictimErased(event: FraudEvent): FraudEvent {
  // Spreading keeps the key order, so the stored body stays canonical.
  return event.type === 'warning' ? { ...event, victim: { phone: ERASED_PHONE } } : event;
}

/** A stored event's body with its victim erased, or undefined if there is nothing to erase. */
export function erasedEventBody(body: string): string | undefined {
  const event = JSON.parse(body) as FraudEvent;
  if (event.type !== 'warning' || event.victim.phone === ERASED_PHONE) return undefined;
  return JSON.stringify(withVictimErased(event));
}

/** A dead letter's raw event without its victim (whatever it held), or undefined if it had none. */
export function erasedDeadLetter(event: string): string | undefined {
  const raw: unknown = JSON.parse(event);
  if (typeof raw !== 'object' || raw === null || !('victim' in raw)) return undefined;
  const { victim: _erased, ...rest } = raw as Record<string, unknown>;
  return JSON.stringify(rest);
}
