// GET /api/v1/stats against figures computed by hand for a scripted two-year dataset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stats } from '../../shared/protocol/stats';
import { caseEvent, contact, escalation, interception, SHAOXING, warning } from '../fixtures/events';
import { ManualClock, startServer, type TestServer } from '../support/test-server';

const clock = new ManualClock(Date.parse('2026-11-27T12:00:00+08:00'));
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ clock });
  const { keqiao, zhuji } = SHAOXING;
  await server.ingest([
    // 2025
    caseEvent('k-25a', '2025-03-10T10:00:00+08:00', { county: keqiao, kind: 'filed', count: 4, lossFen: 100_000 }),
    caseEvent('k-25b', '2025-03-10T11:00:00+08:00', { county: keqiao, kind: 'solved' }),
    caseEvent('k-25c', '2025-03-10T12:00:00+08:00', { county: keqiao, kind: 'arrest', count: 2 }),
    caseEvent('k-25d', '2025-03-15T10:00:00+08:00', { county: zhuji, kind: 'filed', count: 2 }),
    warning('w-b', '2025-03-20T09:00:00+08:00', { county: keqiao }),
    contact('c-b', 'w-b', '2025-03-20T09:05:00+08:00', { county: keqiao, result: 'dissuaded' }),
    // 23:30 on 31 December in Shanghai: still 2025 there.
    warning('w-a', '2025-12-31T23:30:00+08:00', { county: keqiao }),
    interception('i-a', '2025-12-31T23:40:00+08:00', { county: keqiao, amountFen: 50_000 }),
    // 00:30 on 1 January in Shanghai is still 31 December in UTC: it counts in 2026.
    warning('w-c', '2025-12-31T16:30:00Z', { county: keqiao, level: 'low' }),
    contact('c-c', 'w-c', '2026-01-01T00:35:00+08:00', { county: keqiao, result: 'unreachable' }),
    escalation('e-c', 'w-c', '2026-01-01T00:50:00+08:00', 'resolved', { county: keqiao, outcome: 'dissuaded' }),
    // 2026
    caseEvent('k-26a', '2026-03-12T10:00:00+08:00', { county: keqiao, kind: 'filed', count: 2, lossFen: 40_000 }),
    caseEvent('k-26b', '2026-03-12T11:00:00+08:00', { county: keqiao, kind: 'solved', count: 3 }),
    caseEvent('k-26c', '2026-03-12T12:00:00+08:00', { county: keqiao, kind: 'arrest', count: 5 }),
    caseEvent('k-26d', '2026-03-18T09:00:00+08:00', { county: zhuji, kind: 'filed' }),
    warning('w-d', '2026-03-18T10:00:00+08:00', { county: zhuji }),
    contact('c-d', 'w-d', '2026-03-18T10:30:00+08:00', { county: zhuji, result: 'not_deceived' }),
    interception('i-d', '2026-03-20T10:00:00+08:00', { county: keqiao, kind: 'recovery', amountFen: 30_000 }),
  ]);
});
afterAll(() => server.destroy());

async function stats(query: string): Promise<Stats> {
  const response = await fetch(`${server.url}/api/v1/stats?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Stats;
}

describe('stats API', () => {
  it('sums a quarter against the same quarter last year', async () => {
    const s = await stats('from=2026-01-01&to=2026-03-31&groupBy=month&compare=previous_year');
    expect(s.totals).toEqual({
      warnings: 2, dissuaded: 0, notDeceived: 1, unreachable: 1, escalationsOpened: 1, escalationsResolved: 1,
      escalationsDissuaded: 1, escalationsLoss: 0, escalationsFalseAlarm: 0, stopPaymentFen: 0, recoveryFen: 30_000, interceptedFen: 30_000,
      casesFiled: 3, casesSolved: 3, arrests: 5, lossFen: 40_000, timelyWarnings: 1, resolvedWithinSla: 1,
      hotlineCalls: 2, hotlineReached: 1, hotlineDissuaded: 0, outreachSessions: 0, outreachPeople: 0,
    });
    expect(s.compare).toMatchObject({
      from: '2025-01-01',
      to: '2025-03-31',
      totals: { warnings: 1, dissuaded: 1, casesFiled: 6, casesSolved: 1, arrests: 2, lossFen: 100_000, timelyWarnings: 1, stopPaymentFen: 0 },
    });
    // 两升两降: filed −50 %, losses −60 %, solved +200 %, arrests +150 %.
    expect(s.compare?.changePct).toMatchObject({
      casesFiled: -50, lossFen: -60, casesSolved: 200, arrests: 150, warnings: 100, dissuaded: -100, stopPaymentFen: null,
    });
    expect(s.buckets.map((b) => [b.key, b.totals.warnings, b.totals.casesFiled])).toEqual([
      ['2026-01', 1, 0],
      ['2026-02', 0, 0],
      ['2026-03', 1, 3],
    ]);
    expect(s.compare?.buckets.map((b) => [b.key, b.totals.casesFiled])).toEqual([
      ['2025-01', 0],
      ['2025-02', 0],
      ['2025-03', 6],
    ]);
    expect(s.byFraudType.rebate).toBe(2);
  });

  it('scores each county with the anti-fraud index', async () => {
    const s = await stats('from=2026-01-01&to=2026-03-31&groupBy=month&compare=previous_year');
    const county = (adcode: string) => s.counties.find((c) => c.adcode === adcode)!;
    expect(s.counties.map((c) => c.adcode)).toEqual(['330602', '330603', '330604', '330624', '330681', '330683']);
    expect(county(SHAOXING.keqiao).totals).toMatchObject({ warnings: 1, timelyWarnings: 1, escalationsOpened: 1, resolvedWithinSla: 1, casesFiled: 2, recoveryFen: 30_000 });
    // Shaoxing's 527.1 万 residents filed 3 cases: 0.00569 per 10,000. Keqiao (109.0 万) filed 2: 0.01835, 3.22 × the
    // city's → cases 0. No outreach anywhere: outreach unmeasured (50).
    // dissuasion 0/1; timely 1/1; closure 1/1; money (30,000/1) ÷ (30,000/2) = 2 → capped 100.
    // (25·0 + 20·100 + 20·100 + 15·100 + 10·0 + 10·50) / 100 = 60
    expect(county(SHAOXING.keqiao).index).toEqual({
      score: 60,
      components: { dissuasion: 0, timeliness: 100, closure: 100, money: 100, cases: 0, outreach: null },
    });
    expect(county(SHAOXING.keqiao)).toMatchObject({ populationWan: 109, casesPer10k: 0.02, warningsPer10k: 0.01 });
    // Zhuji (121.8 万) filed 1: 0.00821 per 10,000, 527.1 / (3 · 121.8) = 1.4425 × the city's → 50 − 44.25 = 5.7.
    // (25·0 + 20·0 + 20·50 + 15·0 + 10·5.7 + 10·50) / 100 = 15.57 → 15.6
    expect(county(SHAOXING.zhuji).index).toEqual({
      score: 15.6,
      components: { dissuasion: 0, timeliness: 0, closure: null, money: 0, cases: 5.7, outreach: null },
    });
    // Yuecheng filed none: the best case rate, 100; everything else unmeasured.
    expect(county(SHAOXING.yuecheng).index).toEqual({ score: 55, components: { dissuasion: null, timeliness: null, closure: null, money: null, cases: 100, outreach: null } });
    expect(s.index).toEqual({ weights: { dissuasion: 25, timeliness: 20, closure: 20, money: 15, cases: 10, outreach: 10 }, timelyMinutes: 10, closureMinutes: 30, moneyCap: 2 });
  });

  it('compares places by rates per 10,000 residents, worked out by hand from the 2020 census', async () => {
    const s = await stats('from=2025-01-01&to=2026-03-31&scope=330600');
    const county = (adcode: string) => s.counties.find((c) => c.adcode === adcode)!;
    // Keqiao: cases 4 + 2 = 6 over 109.0 万 = 0.0550…; warnings w-b, w-a, w-c = 3 → 0.0275…
    expect(county(SHAOXING.keqiao)).toMatchObject({ populationWan: 109, totals: { casesFiled: 6, warnings: 3 }, casesPer10k: 0.06, warningsPer10k: 0.03 });
    // Zhuji: cases 2 + 1 = 3 over 121.8 万 = 0.0246…; one warning → 0.0082…
    expect(county(SHAOXING.zhuji)).toMatchObject({ populationWan: 121.8, casesPer10k: 0.02, warningsPer10k: 0.01 });
  });

  it('puts New Year’s Eve and Day on the days of FRAUDWALL_TZ, and ranges cross the year boundary', async () => {
    const eve = await stats('from=2025-12-31&to=2025-12-31');
    expect(eve.totals).toMatchObject({ warnings: 1, stopPaymentFen: 50_000, unreachable: 0 });
    const newYear = await stats('from=2026-01-01&to=2026-01-01');
    expect(newYear.totals).toMatchObject({ warnings: 1, unreachable: 1 });
    const winter = await stats('from=2025-12-01&to=2026-01-31&groupBy=month');
    expect(winter.buckets.map((b) => [b.key, b.totals.warnings])).toEqual([['2025-12', 1], ['2026-01', 1]]);
    const days = await stats('from=2025-12-30&to=2026-01-02&groupBy=day');
    expect(days.buckets.map((b) => [b.key, b.totals.warnings])).toEqual([
      ['2025-12-30', 0], ['2025-12-31', 1], ['2026-01-01', 1], ['2026-01-02', 0],
    ]);
    expect(days).not.toHaveProperty('compare');
  });

  it('adds partial months at both ends to the whole months between', async () => {
    const s = await stats('from=2025-12-15&to=2026-03-18&groupBy=month');
    expect(s.buckets.map((b) => [b.key, b.totals.warnings, b.totals.casesFiled])).toEqual([
      ['2025-12', 1, 0],
      ['2026-01', 1, 0],
      ['2026-02', 0, 0],
      ['2026-03', 1, 3],
    ]);
    // The recovery of 20 March is after the range.
    expect(s.totals).toMatchObject({ warnings: 3, casesFiled: 3, stopPaymentFen: 50_000, recoveryFen: 0 });
    expect(s.counties.find((c) => c.adcode === SHAOXING.keqiao)?.totals.warnings).toBe(2);
  });

  it('compares 29 February with 28 February a year earlier, and says null where last year had none', async () => {
    const leap = await stats('from=2028-02-29&to=2028-02-29&compare=previous_year');
    expect(leap.compare).toMatchObject({ from: '2027-02-28', to: '2027-02-28' });
    expect(leap.compare?.changePct.warnings).toBeNull();
  });

  it('answers 400 naming the parameter for a bad query', async () => {
    for (const [query, message] of [
      ['to=2026-01-01', /^from: /],
      ['from=2026-02-30&to=2026-03-01', /^from: must be a date/],
      ['from=2026-03-01&to=2026-01-01', /^to: must not be before from/],
      ['from=2020-01-01&to=2026-01-01', /^to: the range must be at most/],
      ['from=2026-01-01&to=2026-01-02&groupBy=week', /^groupBy: must be day or month/],
      ['from=2026-01-01&to=2026-01-02&compare=last_week', /^compare: must be previous_year/],
    ] as const) {
      const response = await fetch(`${server.url}/api/v1/stats?${query}`);
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatch(message);
    }
  });
});
