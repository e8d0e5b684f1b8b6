// What statistics ask of the store: a period's figures, computed beside the writes and encoded.
import type { StatsPeriod } from './compute-stats';

export interface StatsApi {
  statsJson(period: StatsPeriod): Promise<string>;
}
