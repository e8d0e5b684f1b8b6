// Where a period of whole local days stands against the server's clock: its instants (to now
// when it reaches today), and the `asOf` an answer carries when it does.
import { addDays, type ZonedCalendar } from '../../shared/time/zoned-calendar';

/** The period's instants: its first midnight to the midnight after it, or to now when it reaches today. */
export function periodMs(from: string, to: string, nowMs: number, calendar: ZonedCalendar): [number, number] {
  return [calendar.startOfDay(from), Math.min(nowMs, calendar.startOfDay(addDays(to, 1)))];
}

/** `{asOf}` (now, with offset) when the period reaches today; nothing otherwise. */
export function asOfIfToday(period: { readonly from: string; readonly to: string; readonly nowMs: number }, calendar: ZonedCalendar): { asOf?: string } {
  const today = calendar.dayKey(period.nowMs);
  return today >= period.from && today <= period.to ? { asOf: calendar.isoWithOffset(period.nowMs) } : {};
}
