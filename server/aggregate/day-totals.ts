// Reads a day's counters into the shape the wall shows.
import { contactCounts, contactsByChannel } from '../../shared/figures/contact-channels';
import type { Metric } from '../../shared/aggregate/metrics';
import type { DayTotals } from '../../shared/protocol/wall-state';
import { FRAUD_TYPES, type FraudType } from '../../shared/vocabulary';

export function dayTotals(count: (metric: Metric) => number, open: { active: number; overdue: number }): DayTotals {
  return {
    warnings: {
      total: count('warnings'),
      byLevel: { high: count('level.high'), medium: count('level.medium'), low: count('level.low') },
      bySource: { province: count('source.province'), city: count('source.city') },
      byType: Object.fromEntries(FRAUD_TYPES.map((type) => [type, count(`type.${type}`)])) as Record<FraudType, number>,
    },
    contacts: { ...contactCounts(count), byChannel: contactsByChannel(count) },
    escalations: {
      opened: count('escalation.opened'),
      active: open.active,
      overdue: open.overdue,
      resolved: count('escalation.resolved'),
      byOutcome: {
        dissuaded: count('outcome.dissuaded'),
        loss: count('outcome.loss'),
        false_alarm: count('outcome.false_alarm'),
      },
    },
    interceptedFen: { stopPayment: count('intercept.stop_payment'), recovery: count('intercept.recovery') },
    cases: {
      filed: count('case.filed'),
      solved: count('case.solved'),
      arrest: count('case.arrest'),
      lossFen: count('case.lossFen'),
    },
    outreach: { sessions: count('outreach.sessions'), people: count('outreach.people') },
  };
}
