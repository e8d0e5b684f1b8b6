// What the silent-feed watch asks of the store (issue 26): each feed's last accepted event, and
// how long it usually goes quiet — kept as the longest silence that began in each hour of the
// week, per week, so "usual at this hour" is the previous four weeks' at the same hour. Written
// by the ingest that accepted the events, on whichever node: every node reads the same.

/** A feed: `province` and `city` (the warnings' source), or `key:<username>` (an upstream system's own key). */
export type FeedSource = string;

export interface FeedRecord {
  readonly source: FeedSource;
  readonly lastMs: number;
  /** The longest silence that began at the hour of the week of `lastMs`, over the previous four weeks; none yet: undefined. */
  readonly usualGapMs?: number;
}

export interface FeedsApi {
  feeds(nowMs: number): Promise<FeedRecord[]>;
}

/** Each engine's tables (services/writer.ts reads and writes them the same way for both). */
export interface FeedTable {
  /** Records an arrival; answers the feed's previous last arrival (undefined: its first). */
  arrive(source: FeedSource, atMs: number): Awaitable<number | undefined>;
  /** A silence of `gapMs` that began in that week and hour: kept if the longest there. */
  noteGap(source: FeedSource, week: number, hour: number, gapMs: number): Awaitable<void>;
  /** Every feed's last arrival, and the gaps kept since `fromWeek`. */
  rows(fromWeek: number): Awaitable<{ feeds: { source: string; lastMs: number }[]; gaps: { source: string; week: number; hour: number; longestMs: number }[] }>;
}

/** Weeks of silences kept: the four compared, and the one under way. */
export const FEED_WEEKS = 4;

type Awaitable<T> = T | Promise<T>;
