// Summed rollup counters, read into the named figures of a period.
import type { ClosureLimit, Metric } from '../../shared/aggregate/metrics';
import type { PeriodTotals } from '../../shared/protocol/stats';

export type MetricSums = ReadonlyMap<string, number>;

export function periodTotals(sums: MetricSums, closureLimit: ClosureLimit): PeriodTotals {
  const get = (metric: Metric) => sums.get(metric) ?? 0;
  return {
    warnings: get('warnings'),
    dissuaded: get('contact.dissuaded'),
    notDeceived: get('contact.not_deceived'),
    unreachable: get('contact.unreachable'),
    escalationsOpened: get('escalation.opened'),
    escalationsResolved: get('escalation.resolved'),
    escalationsDissuaded: get('outcome.dissuaded'),
    escalationsLoss: get('outcome.loss'),
    escalationsFalseAlarm: get('outcome.false_alarm'),
    stopPaymentFen: get('intercept.stop_payment'),
    recoveryFen: get('intercept.recovery'),
    casesFiled: get('case.filed'),
    casesSolved: get('case.solved'),
    arrests: get('case.arrest'),
    lossFen: get('case.lossFen'),
    timelyWarnings: get('warning.timely'),
    resolvedWithinSla: get(`resolved.within.${closureLimit}`),
  };
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
