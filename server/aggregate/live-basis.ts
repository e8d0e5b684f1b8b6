// What the live wall state is rebuilt from, and how it follows the store's commits after that.
import type { OpenEscalation } from '../../shared/aggregate/records';
import type { MaskedEvent } from '../../shared/format/mask-event';
import type { LiveChange } from './live-change';
import type { CounterRow, VolumeRow } from './rollup-batch';

/** How many of the newest events a basis reads for the tickers' start lists. */
export const RECENT_BASIS = 1_000;

/** When a warning happened, and where (as sent: a retired county code is mapped when counted). */
export interface WarningTime {
  readonly county: string;
  readonly at_ms: number;
}

/** Everything the live wall state is rebuilt from, for one local day. */
export interface LiveBasis {
  readonly day: string;
  readonly today: readonly CounterRow[];
  readonly yesterday: readonly CounterRow[];
  /** Sums per county and metric, 1 January to `day`. */
  readonly year: readonly CounterRow[];
  readonly volumeToday: readonly VolumeRow[];
  readonly volumeYesterday: readonly VolumeRow[];
  /** When each of yesterday's warnings happened, by county: yesterday up to this time of day. */
  readonly yesterdayWarnings: readonly WarningTime[];
  readonly open: readonly OpenEscalation[];
  readonly recent: readonly MaskedEvent[];
}

export interface LiveBasisApi {
  /** Read after every write before it, in one consistent view. */
  liveBasis(day: string): Promise<LiveBasis>;
}

/** How the live state follows the store. */
export interface StoreFollower {
  change(change: LiveChange): void;
  resync(): void;
}
