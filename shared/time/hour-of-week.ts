// The hour of the week on the center's clock, and which week it is: what a feed's usual silences
// and a fraud type's usual count are compared by (issue 26) — Monday 09:00 with the Mondays at
// 09:00 before it, not with Sunday night.
import type { ZonedCalendar } from './zoned-calendar';

const DAY_MS = 86_400_000;

export interface WeekHour {
  /** Weeks since the Monday before 1 January 1970, on the center's clock. */
  readonly week: number;
  /** 0 (Monday 00:00–01:00) … 167 (Sunday 23:00–24:00). */
  readonly hour: number;
}

export function weekHourOf(ms: number, calendar: ZonedCalendar): WeekHour {
  const local = ms + calendar.offsetMinutes(ms) * 60_000;
  const days = Math.floor(local / DAY_MS);
  // 1 January 1970 was a Thursday: three days after a Monday.
  const sinceMonday = days + 3;
  const dayOfWeek = ((sinceMonday % 7) + 7) % 7;
  return { week: Math.floor(sinceMonday / 7), hour: dayOfWeek * 24 + Math.floor((local - days * DAY_MS) / 3_600_000) };
}
