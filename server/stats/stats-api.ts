// What statistics ask of the store: a period's figures, computed beside the writes and encoded.
import type { JsonText } from '../../shared/protocol/json-text';
import type { Stats } from '../../shared/protocol/stats';
import type { StatsPeriod } from './compute-stats';

export interface StatsApi {
  statsJson(period: StatsPeriod): Promise<JsonText<Stats>>;
}
