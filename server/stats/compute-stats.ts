// A scope's statistics for a period with the year before and the anti-fraud index per county
// (and per city, for the province), computed from the rollups (GET /api/v1/stats). Runs on the
// store's reading thread: a range of years
// costs tens of milliseconds that the walls' thread must not spend.
import { CLOSURE_LIMITS_MINUTES, TIMELY_CONTACT_MINUTES, type ClosureLimit } from '../../shared/aggregate/metrics';
import { contactsByChannel } from '../../shared/figures/contact-channels';
import { outreachByUnit } from '../../shared/figures/outreach-units';
import type { PlaceStats, Stats, StatsBucket, StatsComparison } from '../../shared/protocol/stats';
import { scopeInfo, type RegionScopes } from '../../shared/region';
import { addDays, addYears, eachDay, eachMonth, type ZonedCalendar } from '../../shared/time/zoned-calendar';
import { FRAUD_TYPES, type FraudType } from '../../shared/vocabulary';
import { antiFraudIndex, per10k, type IndexSettings, type ScopeRates } from './anti-fraud-index';
import { faceToFaceFigures } from './face-to-face-figures';
import { asOfIfToday, periodMs } from './period-span';
import type { FaceToFaceSource } from './face-to-face-query';
import { changePct, periodTotals, type MetricSums } from './period-totals';
import { mergeSums, type StatsQuery, type SumsByGroup } from './stats-query';

const MINUTE_MS = 60_000;

export interface StatsPeriod {
  readonly from: string;
  readonly to: string;
  readonly groupBy: 'day' | 'month';
  readonly compare?: 'previous_year';
  /** The adcode of the scope counted (checked by the route). */
  readonly scope: string;
  /** The server's clock: a period that reaches today runs to this moment, and is compared with last year up to the same time of day. */
  readonly nowMs: number;
}

/** Last year's period to compare with; `cut` when it ends part-way through its last day. */
interface Comparison {
  readonly from: string;
  readonly to: string;
  readonly cut?: { readonly day: string; readonly ms: number };
}

export interface StatsDeps {
  readonly query: StatsQuery;
  readonly faceToFace: FaceToFaceSource;
  readonly scopes: RegionScopes;
  readonly index: IndexSettings;
  /** The red SLA threshold: closure counts escalations resolved within it. */
  readonly redMinutes: number;
  readonly calendar: ZonedCalendar;
}

/**
 * The same period a year earlier, like for like: when the period reaches today, it ends on
 * today's date last year at today's time of day (to the minute) — a month in progress is
 * compared with the same days of last year's month, today so far with last year's day so far.
 */
export function comparisonOf(period: StatsPeriod, calendar: ZonedCalendar): Comparison {
  const from = addYears(period.from, -1);
  const today = calendar.dayKey(period.nowMs);
  if (today < period.from || today > period.to) return { from, to: addYears(period.to, -1) };
  const day = addYears(today, -1);
  const sinceMidnight = Math.floor((period.nowMs - calendar.startOfDay(today)) / MINUTE_MS) * MINUTE_MS;
  const ms = Math.min(calendar.startOfDay(day) + sinceMidnight, calendar.startOfDay(addDays(day, 1)) - 1);
  return { from, to: day, cut: { day, ms } };
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
  const lastYear = comparisonOf(period, deps.calendar);
  // Last year's whole days from the rollups, and the day it is cut on counted up to the cut.
  const lastWholeDay = lastYear.cut ? addDays(lastYear.cut.day, -1) : lastYear.to;
  const empty: SumsByGroup = new Map();
  const [byCounty, lastYearWholeDays, lastYearCutDay, byWho] = await Promise.all([
    query.byCounty(period.from, period.to, within),
    lastYear.from <= lastWholeDay ? query.byCounty(lastYear.from, lastWholeDay, within) : empty,
    lastYear.cut ? query.dayUntil(lastYear.cut.day, lastYear.cut.ms, within) : empty,
    deps.faceToFace.byWho(...periodMs(period.from, period.to, period.nowMs, deps.calendar), within),
  ]);
  const byCountyLastYear = addGroups(lastYearWholeDays, lastYearCutDay);
  const scopeSums = mergeSums(byCounty.values());
  const totals = totalsOf(scopeSums);
  const scopeCount = (metric: string) => scopeSums.get(metric) ?? 0;

  const populationOf = (counties: readonly string[]) => counties.reduce((sum, county) => sum + (populations.get(county) ?? 0), 0);
  const populations = new Map(scope.counties.map((county) => [county.adcode, county.populationWan ?? 0]));
  const scopePopulation = populationOf(within);
  // Every place measured against the scope it is ranked in.
  const scopeRates: ScopeRates = {
    moneyPerWarning: totals.warnings > 0 ? (totals.stopPaymentFen + totals.recoveryFen) / totals.warnings : 0,
    casesPer10k: per10k(totals.casesFiled, scopePopulation),
    outreachPer10k: per10k(totals.outreachSessions, scopePopulation),
  };

  /** A place (a county, or a city of the province), with its rates per 10,000 residents. */
  const place = (adcode: string, name: string, counties: readonly string[]): PlaceStats => {
    const placeTotals = totalsOf(mergeSums(counties.flatMap((county) => byCounty.get(county) ?? [])));
    const populationWan = populationOf(counties);
    return {
      adcode,
      name,
      populationWan: Math.round(populationWan * 10) / 10,
      totals: placeTotals,
      casesPer10k: hundredths(per10k(placeTotals.casesFiled, populationWan)),
      warningsPer10k: hundredths(per10k(placeTotals.warnings, populationWan)),
      index: antiFraudIndex({ totals: placeTotals, populationWan, scope: scopeRates }, deps.index),
    };
  };
  const counties = scope.counties.map((county) => place(county.adcode, county.name, [county.adcode]));
  const cities = scope.cities?.map((city) => place(city.adcode, city.name, city.counties.map((c) => c.adcode)));

  const bucketOf = (day: string) => (period.groupBy === 'day' ? day : day.slice(0, 7));
  /** Buckets from `from` to `to`; the whole days from the rollups, the cut day (if any) added to its own bucket. */
  const buckets = async (from: string, to: string, cut?: { day: string; sums: SumsByGroup }): Promise<StatsBucket[]> => {
    const lastWhole = cut ? addDays(cut.day, -1) : to;
    const sums = from <= lastWhole ? await query.byBucket(from, lastWhole, period.groupBy, within) : empty;
    const withCut = cut ? addGroups(sums, new Map([[bucketOf(cut.day), mergeSums(cut.sums.values())]])) : sums;
    const keys = period.groupBy === 'day' ? eachDay(from, to) : eachMonth(from, to);
    return keys.map((key) => ({ key, totals: totalsOf(withCut.get(key) ?? new Map()) }));
  };

  let compare: StatsComparison | undefined;
  if (period.compare === 'previous_year') {
    const previousTotals = totalsOf(mergeSums(byCountyLastYear.values()));
    compare = {
      from: lastYear.from,
      to: lastYear.to,
      ...(lastYear.cut ? { asOf: deps.calendar.isoWithOffset(lastYear.cut.ms) } : {}),
      totals: previousTotals,
      changePct: changePct(totals, previousTotals),
      byFraudType: fraudTypes(mergeSums(byCountyLastYear.values())),
      buckets: await buckets(lastYear.from, lastYear.to, lastYear.cut ? { day: lastYear.cut.day, sums: lastYearCutDay } : undefined),
    };
  }

  return {
    from: period.from,
    to: period.to,
    ...asOfIfToday(period, deps.calendar),
    groupBy: period.groupBy,
    totals,
    byFraudType: fraudTypes(scopeSums),
    byChannel: contactsByChannel(scopeCount),
    byOutreachUnit: outreachByUnit(scopeCount),
    faceToFace: faceToFaceFigures(byWho),
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

function hundredths(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Two sets of sums by group, added. */
function addGroups(a: SumsByGroup, b: SumsByGroup): SumsByGroup {
  const out: SumsByGroup = new Map(a);
  for (const [group, sums] of b) out.set(group, mergeSums([out.get(group) ?? new Map(), sums]));
  return out;
}

function fraudTypes(sums: MetricSums): Record<FraudType, number> {
  return Object.fromEntries(FRAUD_TYPES.map((t) => [t, sums.get(`type.${t}`) ?? 0])) as Record<FraudType, number>;
}
