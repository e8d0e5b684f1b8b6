// Outreach by the unit that gave it (全民反诈: police, line units, village cadres, grid workers,
// volunteers), read from counters for the statistics.
import type { Metric } from '../aggregate/metrics';
import { OUTREACH_UNITS, type OutreachUnit } from '../vocabulary';

export interface OutreachCounts {
  sessions: number;
  people: number;
}

export type OutreachByUnit = Record<OutreachUnit, OutreachCounts>;

export function outreachByUnit(count: (metric: Metric) => number): OutreachByUnit {
  return Object.fromEntries(
    OUTREACH_UNITS.map((unit) => [unit, { sessions: count(`outreach.${unit}.sessions`), people: count(`outreach.${unit}.people`) }]),
  ) as OutreachByUnit;
}
