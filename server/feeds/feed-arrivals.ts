// Which feeds a committed batch heard from, and each one's arrival noted with the silence it
// ended — written after the batch's own commit: a feed's times are advisory, and a failure to
// note one must not undo or refuse the events (they are kept, and the next batch notes it).
import { weekHourOf } from '../../shared/time/hour-of-week';
import type { ZonedCalendar } from '../../shared/time/zoned-calendar';
import type { AppliedEvent } from '../aggregate/applied-event';
import type { FeedSource, FeedTable } from './feeds-api';

/** `province` / `city` for the warnings' sources, and the upstream key that sent them. */
export function feedsOf(applied: readonly AppliedEvent[], sender: string | undefined): FeedSource[] {
  const sources = new Set<FeedSource>();
  for (const { event } of applied) if (event.type === 'warning') sources.add(event.source);
  if (sender !== undefined && applied.length > 0) sources.add(`key:${sender}`);
  return [...sources];
}

export async function noteArrivals(table: FeedTable, calendar: ZonedCalendar, sources: readonly FeedSource[], nowMs: number): Promise<void> {
  for (const source of sources) {
    try {
      const before = await table.arrive(source, nowMs);
      if (before === undefined || before >= nowMs) continue;
      const began = weekHourOf(before, calendar);
      await table.noteGap(source, began.week, began.hour, nowMs - before);
    } catch {
      // Advisory: the next batch from this feed notes it.
    }
  }
}
