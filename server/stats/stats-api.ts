// What statistics ask of the store: a period's figures and its stations', computed beside the writes and encoded.
import type { JsonText } from '../../shared/protocol/json-text';
import type { Stats, StationsAnswer } from '../../shared/protocol/stats';
import type { StatsPeriod } from './compute-stats';
import type { StationsPeriod } from './compute-stations';

export interface StatsApi {
  statsJson(period: StatsPeriod): Promise<JsonText<Stats>>;
  stationStatsJson(period: StationsPeriod): Promise<JsonText<StationsAnswer>>;
}
