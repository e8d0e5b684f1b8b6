// Summed rollup counters, read into the named figures of a period (the figure catalogue's).
import type { ClosureLimit } from '../../shared/aggregate/metrics';
import { FIGURE_KEYS, figureValue } from '../../shared/figures/catalogue';
import type { PeriodTotals } from '../../shared/protocol/stats';

export type MetricSums = ReadonlyMap<string, number>;

export function periodTotals(sums: MetricSums, closureLimit: ClosureLimit): PeriodTotals {
  return Object.fromEntries(FIGURE_KEYS.map((key) => [key, figureValue(key, (metric) => sums.get(metric) ?? 0, closureLimit)])) as PeriodTotals;
}

/** Percent change per figure; null where the earlier period had none. */
export function changePct(current: PeriodTotals, previous: PeriodTotals): Record<keyof PeriodTotals, number | null> {
  return Object.fromEntries(
    (Object.keys(current) as (keyof PeriodTotals)[]).map((key) => {
      const before = previous[key];
      return [key, before === 0 ? null : Math.round(((current[key] - before) / before) * 1000) / 10];
    }),
  ) as Record<keyof PeriodTotals, number | null>;
}
