// A scope's statistics for a period with the year before and the anti-fraud index per county
// (and per city, for the province), computed from the rollups (GET /api/v1/stats). Runs on the
// store's reading thread: a range of years
// costs tens of milliseconds that the walls' thread must not spend.
import { CLOSURE_LIMITS_MINUTES, TIMELY_CONTACT_MINUTES, type ClosureLimit } from '../../shared/aggregate/metrics';
import type { PlaceStats, Stats, StatsBucket, StatsComparison } from '../../shared/protocol/stats';
import { scopeInfo, type RegionScopes } from '../../shared/region';
import { addYears, eachDay, eachMonth } from '../../shared/time/zoned-calendar';
import { FRAUD_TYPES, type FraudType } from '../../shared/vocabulary';
import { antiFraudIndex, type IndexSettings } from './anti-fraud-index';
import { changePct, periodTotals, type MetricSums } from './period-totals';
import { mergeSums, type StatsQuery, type SumsByGroup } from './stats-query';

export interface StatsPeriod {
  readonly from: string;
  readonly to: string;
  readonly groupBy: 'day' | 'month';
  readonly compare?: 'previous_year';
  /** The adcode of the scope counted (checked by the route). */
  readonly scope: string;
}

export interface StatsDeps {
  readonly query: StatsQuery;
  readonly scopes: RegionScopes;
  readonly index: IndexSettings;
  /** The red SLA threshold: closure counts escalations resolved within it. */
  readonly redMinutes: number;
}

/** The largest closure limit not above the red threshold (the rollups count against fixed limits). */
export function closureLimitFor(redMinutes: number): ClosureLimit {
  return [...CLOSURE_LIMITS_MINUTES].reverse().find((limit) => limit <= redMinutes) ?? CLOSURE_LIMITS_MINUTES[0];
}

export async function computeStats(period: StatsPeriod, deps: StatsDeps): Promise<Stats> {
  const closureLimit = closureLimitFor(deps.redMinutes);
  const { query } = deps;
  const scope = deps.scopes.get(period.scope) ?? deps.scopes.region;
  const within = scope.counties.map((c) => c.adcode);
  const totalsOf = (sums: MetricSums) => periodTotals(sums, closureLimit);
  const lastYear = { from: addYears(period.from, -1), to: addYears(period.to, -1) };
  const [byCounty, byCountyLastYear] = await Promise.all([
    query.byCounty(period.from, period.to, within),
    query.byCounty(lastYear.from, lastYear.to, within),
  ]);
  const scopeSums = mergeSums(byCounty.values());
  const totals = totalsOf(scopeSums);

  const moneyPerWarning = totals.warnings > 0 ? (totals.stopPaymentFen + totals.recoveryFen) / totals.warnings : 0;

  // A place (a county, or a city of the province) ranked against the scope's money per warning.
  const place = (adcode: string, name: string, counties: readonly string[]): PlaceStats => {
    const sum = (groups: SumsByGroup) => mergeSums(counties.flatMap((county) => groups.get(county) ?? []));
    const placeTotals = totalsOf(sum(byCounty));
    const filedLastYear = sum(byCountyLastYear).get('case.filed') ?? 0;
    return {
      adcode,
      name,
      totals: placeTotals,
      index: antiFraudIndex({ totals: placeTotals, casesFiledLastYear: filedLastYear, regionMoneyPerWarning: moneyPerWarning }, deps.index),
    };
  };
  const counties = scope.counties.map((county) => place(county.adcode, county.name, [county.adcode]));
  const cities = scope.cities?.map((city) => place(city.adcode, city.name, city.counties.map((c) => c.adcode)));

  const buckets = async (from: string, to: string): Promise<StatsBucket[]> => {
    const sums = await query.byBucket(from, to, period.groupBy, within);
    const keys = period.groupBy === 'day' ? eachDay(from, to) : eachMonth(from, to);
    return keys.map((key) => ({ key, totals: totalsOf(sums.get(key) ?? new Map()) }));
  };

  let compare: StatsComparison | undefined;
  if (period.compare === 'previous_year') {
    const previousTotals = totalsOf(mergeSums(byCountyLastYear.values()));
    compare = {
      ...lastYear,
      totals: previousTotals,
      changePct: changePct(totals, previousTotals),
      byFraudType: fraudTypes(mergeSums(byCountyLastYear.values())),
      buckets: await buckets(lastYear.from, lastYear.to),
    };
  }

  return {
    from: period.from,
    to: period.to,
    groupBy: period.groupBy,
    totals,
    byFraudType: fraudTypes(scopeSums),
    scope: scopeInfo(scope),
    ...(cities ? { cities } : {}),
    counties,
    buckets: await buckets(period.from, period.to),
    ...(compare ? { compare } : {}),
    index: {
      weights: { ...deps.index.weights },
      timelyMinutes: TIMELY_CONTACT_MINUTES,
      closureMinutes: closureLimit,
      moneyCap: deps.index.moneyCap,
    },
  };
}

function fraudTypes(sums: MetricSums): Record<FraudType, number> {
  return Object.fromEntries(FRAUD_TYPES.map((t) => [t, sums.get(`type.${t}`) ?? 0])) as Record<FraudType, number>;
}
