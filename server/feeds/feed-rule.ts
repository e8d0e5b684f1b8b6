// The feed rule (issue 26): a feed gone silent is an alarm for the area it serves — the region
// for the province's and the city's warnings, an upstream key's own scope for its key — raised
// once per silence (its subject names the last arrival) and repeated while it lasts.
import type { Alarm } from '../alerts/alarm';
import type { WatchedFeed } from './feed-watch';

export function feedAlarms(feeds: readonly WatchedFeed[], region: string, placeOf: (feed: WatchedFeed) => string, clockOf: (ms: number) => string, nowMs: number): Alarm[] {
  return feeds
    .filter((feed) => feed.silent)
    .map((feed) => ({
      rule: 'feed',
      place: feed.counties.length === 0 ? region : placeOf(feed),
      subject: `feed:${feed.source}:${feed.lastMs}`,
      message: {
        rule: 'feed',
        title: `【反诈预警】数据源静默 · ${feed.name}`,
        lines: [
          `已 ${Math.floor((nowMs - feed.lastMs) / 60_000)} 分钟无数据（最后一条 ${clockOf(feed.lastMs)}；此时段通常最长静默 ${feed.quietMinutes} 分钟）`,
          '大屏上的数字可能停在静默之前，请联系上游平台核实',
        ],
      },
    }));
}
