// 昨夜回放 (issue 27): the wall as it was from 20:00 last night, played forward at 60 × — the
// evening and night in a few minutes of a morning review — for the briefing's viewer and scope.
import { addDays, ZonedCalendar } from '../../shared/time/zoned-calendar';
import { pageHref, type PageAccess } from '../stream/page-access';

export const LAST_NIGHT_FROM_HOUR = 20;
export const LAST_NIGHT_SPEED = 60;

export function lastNightHref(today: string, timeZone: string, access: PageAccess): string {
  const start = new ZonedCalendar(timeZone).startOfDay(addDays(today, -1)) + LAST_NIGHT_FROM_HOUR * 3_600_000;
  return pageHref('/', access, { at: new Date(start).toISOString(), speed: String(LAST_NIGHT_SPEED) });
}
