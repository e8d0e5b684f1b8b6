// A day's figures as they stood at a moment of it: a period that includes today is compared with
// last year's up to the same time of day, not with last year's whole day (at 00:13 that would
// read −100 %). The rollups hold whole days, so the day is counted again from its events
// (event-replay.ts); the day before is read only to know each warning's and escalation's past.
import type { ZonedCalendar } from '../../shared/time/zoned-calendar';
import { EventReplay } from '../aggregate/event-replay';

/** `bodies`: the events of `day` and the day before up to the cut, in acceptance order. Sums by county. */
export function countsUntil(bodies: readonly string[], day: string, calendar: ZonedCalendar): Map<string, Map<string, number>> {
  const sums = new Map<string, Map<string, number>>();
  const replay = new EventReplay(calendar);
  for (const body of bodies) {
    for (const change of replay.project(body).counters) {
      if (change.day !== day) continue;
      let county = sums.get(change.county);
      if (!county) sums.set(change.county, (county = new Map()));
      county.set(change.metric, (county.get(change.metric) ?? 0) + change.delta);
    }
  }
  return sums;
}
