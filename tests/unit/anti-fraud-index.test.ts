import { describe, expect, it } from 'vitest';
import { antiFraudIndex, DEFAULT_INDEX_WEIGHTS, per10k } from '../../server/stats/anti-fraud-index';
import { FIGURE_KEYS } from '../../shared/figures/catalogue';
import type { PeriodTotals } from '../../shared/protocol/stats';

const zero = Object.fromEntries(FIGURE_KEYS.map((key) => [key, 0])) as PeriodTotals;
const settings = { weights: DEFAULT_INDEX_WEIGHTS, moneyCap: 2 };

describe('anti-fraud index', () => {
  it('weighs the six components as the README says, on a hand-computed example', () => {
    const index = antiFraudIndex(
      {
        totals: {
          ...zero,
          warnings: 200,
          dissuaded: 150, notDeceived: 30, unreachable: 20, // dissuasion 150 / 200 = 75
          timelyWarnings: 160, // timeliness 160 / 200 = 80
          escalationsOpened: 20, resolvedWithinSla: 15, // closure 15 / 20 = 75
          stopPaymentFen: 3_000_000, recoveryFen: 0, // 15,000 分 a warning = 1.5 × the scope's 10,000 → 1.5 / 2 = 75
          casesFiled: 36, // 36 over 40 万 people = 0.9 per 10,000, the scope's 1.0: −10 % → 50 + 10 = 60
          outreachSessions: 48, // 1.2 per 10,000, the scope's 0.8: 1.5 × → 1.5 / 2 = 75
        },
        populationWan: 40,
        scope: { moneyPerWarning: 10_000, casesPer10k: 1, outreachPer10k: 0.8 },
      },
      settings,
    );
    expect(index.components).toEqual({ dissuasion: 75, timeliness: 80, closure: 75, money: 75, cases: 60, outreach: 75 });
    // (25·75 + 20·80 + 20·75 + 15·75 + 10·60 + 10·75) / 100 = 74.5
    expect(index.score).toBe(74.5);
  });

  it('counts components with nothing to measure as 50, caps money, the case rate and outreach', () => {
    const index = antiFraudIndex(
      { totals: { ...zero, warnings: 1, stopPaymentFen: 1_000_000, casesFiled: 30, outreachSessions: 100 }, populationWan: 10, scope: { moneyPerWarning: 1_000, casesPer10k: 1, outreachPer10k: 1 } },
      settings,
    );
    // 3 cases per 10,000 against the scope's 1: far worse, 0; outreach 10 × the scope's: 100.
    expect(index.components).toEqual({ dissuasion: null, timeliness: 0, closure: null, money: 100, cases: 0, outreach: 100 });
    // (25·50 + 20·0 + 20·50 + 15·100 + 10·0 + 10·100) / 100 = 47.5
    expect(index.score).toBe(47.5);
  });

  it('leaves the rates unmeasured where the scope has none, and where the place has no people on record', () => {
    const none = antiFraudIndex({ totals: { ...zero, casesFiled: 3 }, populationWan: 10, scope: { moneyPerWarning: 0, casesPer10k: 0, outreachPer10k: 0 } }, settings);
    expect(none.components).toMatchObject({ cases: null, outreach: null, money: null });
    const unknown = antiFraudIndex({ totals: { ...zero, casesFiled: 3 }, populationWan: 0, scope: { moneyPerWarning: 0, casesPer10k: 1, outreachPer10k: 1 } }, settings);
    expect(unknown.components).toMatchObject({ cases: null, outreach: null });
    expect(per10k(55, 110)).toBe(0.5);
  });

  it('follows configured weights', () => {
    const onlyDissuasion = { ...settings, weights: { dissuasion: 100, timeliness: 0, closure: 0, money: 0, cases: 0, outreach: 0 } };
    const index = antiFraudIndex({ totals: { ...zero, dissuaded: 1, unreachable: 3 }, populationWan: 10, scope: { moneyPerWarning: 0, casesPer10k: 0, outreachPer10k: 0 } }, onlyDissuasion);
    expect(index.score).toBe(25);
  });
});
