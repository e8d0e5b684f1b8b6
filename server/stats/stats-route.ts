// GET /api/v1/stats?from=YYYY-MM-DD&to=YYYY-MM-DD&groupBy=day|month&compare=previous_year
import { Router } from 'express';
import { z } from 'zod';
import { CLOSURE_LIMITS_MINUTES, TIMELY_CONTACT_MINUTES, type ClosureLimit } from '../../shared/aggregate/metrics';
import type { Stats, StatsBucket, StatsComparison } from '../../shared/protocol/stats';
import type { RegionPack } from '../../shared/region';
import { addYears, daysInclusive, eachDay, eachMonth, EARLIEST_DAY, isDayInRange, LATEST_DAY } from '../../shared/time/zoned-calendar';
import { FRAUD_TYPES, type FraudType } from '../../shared/vocabulary';
import type { AccessControl } from '../auth/access-control';
import { antiFraudIndex, type IndexSettings } from './anti-fraud-index';
import { changePct, periodTotals, type MetricSums } from './period-totals';
import { mergeSums, type StatsQuery } from './stats-query';

/** About three years: enough for this year against last, small enough to answer at once. */
const MAX_DAYS = 1_100;

const dayKey = z.string({ error: 'is required' }).refine(isDayInRange, `must be a date YYYY-MM-DD within ${EARLIEST_DAY}…${LATEST_DAY}`);
const Query = z
  .object({
    from: dayKey,
    to: dayKey,
    groupBy: z.enum(['day', 'month'], { error: 'must be day or month' }).default('day'),
    compare: z.enum(['previous_year'], { error: 'must be previous_year' }).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (daysInclusive(q.from, q.to) > MAX_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `the range must be at most ${MAX_DAYS} days` });
    }
  });

export interface StatsRouteDeps {
  readonly access: AccessControl;
  readonly query: StatsQuery;
  readonly region: RegionPack;
  readonly index: IndexSettings;
  /** The red SLA threshold: closure counts escalations resolved within it. */
  readonly redMinutes: number;
}

export function statsRoute(deps: StatsRouteDeps): Router {
  const router = Router();
  const closureLimit = closureLimitFor(deps.redMinutes);
  router.get('/api/v1/stats', deps.access.require('viewer'), (req, res) => {
    const parsed = Query.safeParse(req.query);
    if (!parsed.success) {
      res.status(400).json({ error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return;
    }
    res.json(computeStats(parsed.data, deps, closureLimit));
  });
  return router;
}

/** The largest closure limit not above the red threshold (the rollups count against fixed limits). */
export function closureLimitFor(redMinutes: number): ClosureLimit {
  return [...CLOSURE_LIMITS_MINUTES].reverse().find((limit) => limit <= redMinutes) ?? CLOSURE_LIMITS_MINUTES[0];
}

interface Period {
  from: string;
  to: string;
  groupBy: 'day' | 'month';
  compare?: 'previous_year';
}

function computeStats(period: Period, deps: StatsRouteDeps, closureLimit: ClosureLimit): Stats {
  const { query, region } = deps;
  const totalsOf = (sums: MetricSums) => periodTotals(sums, closureLimit);
  const byCounty = query.byCounty(period.from, period.to);
  const regionSums = mergeSums(byCounty.values());
  const totals = totalsOf(regionSums);

  const lastYear = { from: addYears(period.from, -1), to: addYears(period.to, -1) };
  const byCountyLastYear = query.byCounty(lastYear.from, lastYear.to);
  const regionMoneyPerWarning = totals.warnings > 0 ? (totals.stopPaymentFen + totals.recoveryFen) / totals.warnings : 0;

  const counties = region.counties.map((county) => {
    const countyTotals = totalsOf(byCounty.get(county.adcode) ?? new Map());
    const filedLastYear = byCountyLastYear.get(county.adcode)?.get('case.filed') ?? 0;
    return {
      adcode: county.adcode,
      name: county.name,
      totals: countyTotals,
      index: antiFraudIndex({ totals: countyTotals, casesFiledLastYear: filedLastYear, regionMoneyPerWarning }, deps.index),
    };
  });

  const buckets = (from: string, to: string): StatsBucket[] => {
    const sums = query.byBucket(from, to, period.groupBy);
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
      buckets: buckets(lastYear.from, lastYear.to),
    };
  }

  return {
    from: period.from,
    to: period.to,
    groupBy: period.groupBy,
    totals,
    byFraudType: fraudTypes(regionSums),
    counties,
    buckets: buckets(period.from, period.to),
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
