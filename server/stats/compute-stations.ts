// GET /api/v1/stats/stations: each police station of a scope over a period — escalations it was
// sent to and reported back on, how many ended dissuaded, its median minutes from dispatch to
// report. Runs on the store's reading thread, like the statistics.
import type { StationsAnswer } from '../../shared/protocol/stats';
import { scopeInfo, type RegionScopes } from '../../shared/region';
import type { ZonedCalendar } from '../../shared/time/zoned-calendar';
import { stationStats } from './face-to-face-figures';
import { asOfIfToday, periodMs } from './period-span';
import type { FaceToFaceSource } from './face-to-face-query';

export interface StationsPeriod {
  readonly from: string;
  readonly to: string;
  /** The adcode of the scope counted (checked by the route). */
  readonly scope: string;
  readonly nowMs: number;
}

export interface StationsDeps {
  readonly faceToFace: FaceToFaceSource;
  readonly scopes: RegionScopes;
  readonly calendar: ZonedCalendar;
}

export async function computeStations(period: StationsPeriod, deps: StationsDeps): Promise<StationsAnswer> {
  const scope = deps.scopes.get(period.scope) ?? deps.scopes.region;
  const names = new Map(scope.counties.map((county) => [county.adcode, county.name]));
  const rows = await deps.faceToFace.stationMinutes(...periodMs(period.from, period.to, period.nowMs, deps.calendar), [...names.keys()]);
  return {
    from: period.from,
    to: period.to,
    ...asOfIfToday(period, deps.calendar),
    scope: scopeInfo(scope),
    stations: stationStats(rows, (adcode) => names.get(adcode) ?? adcode),
  };
}
