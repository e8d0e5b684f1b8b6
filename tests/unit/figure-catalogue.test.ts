// One figure, one definition (issue 12, item 0): the stats' totals, the live state's yesterday
// and year, and the briefing's tables all come from the catalogue.
import { describe, expect, it } from 'vitest';
import type { Metric } from '../../shared/aggregate/metrics';
import { FIGURE_KEYS, FIGURES, figuresIn, figureValue, windowFigures } from '../../shared/figures/catalogue';
import { periodTotals } from '../../server/stats/period-totals';
import { REPORT_FIGURES, TWO_UP_TWO_DOWN, WORK_FIGURES } from '../../client/briefing/figures';

const counters = new Map<Metric, number>([
  ['warnings', 100],
  ['contact.dissuaded', 70],
  ['intercept.stop_payment', 5_000],
  ['intercept.recovery', 700],
  ['case.filed', 3],
  ['resolved.within.30', 4],
  ['resolved.within.60', 6],
]);
const count = (metric: Metric) => counters.get(metric) ?? 0;

describe('the figure catalogue', () => {
  it('gives the statistics one total per figure, each the sum of its counters', () => {
    const totals = periodTotals(counters, 30);
    expect(Object.keys(totals)).toEqual(FIGURE_KEYS);
    expect(totals).toMatchObject({ warnings: 100, dissuaded: 70, stopPaymentFen: 5_000, recoveryFen: 700, interceptedFen: 5_700, casesFiled: 3 });
    // The closure figure follows the configured SLA.
    expect(totals.resolvedWithinSla).toBe(4);
    expect(periodTotals(counters, 60).resolvedWithinSla).toBe(6);
    expect(() => figureValue('resolvedWithinSla', count)).toThrow(/closure limit/);
  });

  it('gives the live state its yesterday and year from the windows', () => {
    expect(windowFigures('yesterday', count)).toEqual({ warnings: 100, interceptedFen: 5_700 });
    expect(windowFigures('year', count)).toEqual({ warnings: 100, dissuaded: 70, stopPaymentFen: 5_000, recoveryFen: 700, outreachSessions: 0, outreachPeople: 0 });
  });

  it('gives the briefing its tiles and tables, labels and good directions', () => {
    expect(TWO_UP_TWO_DOWN.map((f) => [f.label, f.better])).toEqual([
      ['立案数', 'down'],
      ['案件损失', 'down'],
      ['破案数', 'up'],
      ['抓获嫌疑人', 'up'],
    ]);
    expect(WORK_FIGURES.map((f) => f.key)).toEqual(figuresIn('work'));
    expect(WORK_FIGURES.find((f) => f.key === 'stopPaymentFen')).toMatchObject({ label: FIGURES.stopPaymentFen.label, money: true });
    expect(REPORT_FIGURES.slice(0, 4)).toEqual(TWO_UP_TWO_DOWN);
    expect(REPORT_FIGURES.map((f) => f.key)).not.toContain('unreachable');
  });
});
