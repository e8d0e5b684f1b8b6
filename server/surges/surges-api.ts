// What the surge watch asks of the store (issue 26): warnings per 10-minute bucket by county and
// fraud type over a few windows (the last hour, and the same hour in each of eight weeks before),
// and the day's surges as the briefing lists them.
import type { FraudType } from '../../shared/vocabulary';

/** Buckets `from`…`to` (inclusive, 0–143) of one local day. */
export interface BucketRange {
  readonly day: string;
  readonly from: number;
  readonly to: number;
}

/** One window's count, summed over its ranges (`window`: the index of the window asked for). */
export interface WindowCount {
  readonly window: number;
  readonly county: string;
  readonly fraudType: FraudType;
  readonly count: number;
}

/** A surge as the day keeps it: when it began, its largest count and the baseline beside it. */
export interface SurgeEpisode {
  readonly scope: string;
  readonly fraudType: FraudType;
  readonly sinceMs: number;
  readonly peak: number;
  readonly baseline: number;
  readonly lastMs: number;
}

/** A surge now: the last hour's count against its baseline, standing since `sinceMs`. */
export interface StandingSurge {
  readonly scope: string;
  readonly fraudType: FraudType;
  readonly count: number;
  readonly baseline: number;
  readonly sinceMs: number;
}

export interface SurgesApi {
  /** Each window is a list of ranges (an hour across midnight is two). */
  typeVolume(windows: readonly (readonly BucketRange[])[]): Promise<WindowCount[]>;
  /** Notes the surges standing now on `day`: a new one begins, a standing one keeps its start and its peak. */
  recordSurges(day: string, surges: readonly StandingSurge[], nowMs: number): Promise<void>;
  surgesOfDay(day: string): Promise<SurgeEpisode[]>;
}

export interface SurgeTable {
  typeVolume(day: string, from: number, to: number): Awaitable<{ county: string; fraudType: string; count: number }[]>;
  record(day: string, scope: string, fraudType: string, sinceMs: number, count: number, baseline: number, nowMs: number): Awaitable<void>;
  ofDay(day: string): Awaitable<SurgeEpisode[]>;
}

type Awaitable<T> = T | Promise<T>;
