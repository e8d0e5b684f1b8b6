import { describe, expect, it } from 'vitest';
import { antiFraudIndex, DEFAULT_INDEX_WEIGHTS } from '../../server/stats/anti-fraud-index';
import { FIGURE_KEYS } from '../../shared/figures/catalogue';
import type { PeriodTotals } from '../../shared/protocol/stats';

const zero = Object.fromEntries(FIGURE_KEYS.map((key) => [key, 0])) as PeriodTotals;
const settings = { weights: DEFAULT_INDEX_WEIGHTS, moneyCap: 2 };

describe('anti-fraud index', () => {
  it('weighs the five components as the README says, on a hand-computed example', () => {
    const index = antiFraudIndex(
      {
        totals: {
          ...zero,
          warnings: 200,
          dissuaded: 150, notDeceived: 30, unreachable: 20, // dissuasion 150 / 200 = 75
          timelyWarnings: 160, // timeliness 160 / 200 = 80
          escalationsOpened: 20, resolvedWithinSla: 15, // closure 15 / 20 = 75
          stopPaymentFen: 3_000_000, recoveryFen: 0, // 15,000 分 a warning = 1.5 × the region's 10,000 → 1.5 / 2 = 75
          casesFiled: 9, // last year 10: −10 % → 50 + 10 = 60
        },
        casesFiledLastYear: 10,
        regionMoneyPerWarning: 10_000,
      },
      settings,
    );
    expect(index.components).toEqual({ dissuasion: 75, timeliness: 80, closure: 75, money: 75, cases: 60 });
    // (30·75 + 20·80 + 20·75 + 15·75 + 15·60) / 100 = 73.75 → 73.8
    expect(index.score).toBe(73.8);
  });

  it('counts components with nothing to measure as 50, caps money and the cases change', () => {
    const index = antiFraudIndex(
      { totals: { ...zero, warnings: 1, stopPaymentFen: 1_000_000, casesFiled: 30 }, casesFiledLastYear: 10, regionMoneyPerWarning: 1_000 },
      settings,
    );
    expect(index.components).toEqual({ dissuasion: null, timeliness: 0, closure: null, money: 100, cases: 0 });
    // (30·50 + 20·0 + 20·50 + 15·100 + 15·0) / 100 = 40
    expect(index.score).toBe(40);
  });

  it('follows configured weights', () => {
    const onlyDissuasion = { ...settings, weights: { dissuasion: 1, timeliness: 0, closure: 0, money: 0, cases: 0 } };
    const index = antiFraudIndex({ totals: { ...zero, dissuaded: 1, unreachable: 3 }, casesFiledLastYear: 0, regionMoneyPerWarning: 0 }, onlyDissuasion);
    expect(index.score).toBe(25);
  });
});
