// Like for like: a period that reaches today is compared with last year up to the same time of
// day — today so far with last year's day so far, a month in progress with the same days of last
// year's month (its chart buckets too), a year in progress with last year up to this date and
// time. Events placed just before and just after the cut last year prove where it falls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stats } from '../../shared/protocol/stats';
import { caseEvent, contact, SHAOXING, warning } from '../fixtures/events';
import { ManualClock, OPERATOR_TOKEN, startServer, type TestServer } from '../support/test-server';

// 21:05:30 on 10 March 2026: last year's day is cut at 21:05 (to the minute).
const clock = new ManualClock(Date.parse('2026-03-10T21:05:30+08:00'));
let server: TestServer;
const { keqiao, zhuji } = SHAOXING;

beforeAll(async () => {
  server = await startServer({ clock });
  await server.ingest([
    // Last year, before the cut.
    warning('ly-jan', '2025-01-15T10:00:00+08:00', { county: keqiao }),
    warning('ly-mar4', '2025-03-04T10:00:00+08:00', { county: zhuji }),
    warning('ly-before', '2025-03-10T20:00:00+08:00', { county: keqiao }),
    contact('ly-before-c', 'ly-before', '2025-03-10T20:03:00+08:00', { county: keqiao, result: 'dissuaded' }),
    // Last year, after the cut: the same day later on, later that month, later that year.
    warning('ly-after', '2025-03-10T21:05:10+08:00', { county: keqiao }),
    caseEvent('ly-after-k', '2025-03-10T22:30:00+08:00', { county: keqiao, kind: 'filed' }),
    warning('ly-mar25', '2025-03-25T10:00:00+08:00', { county: keqiao }),
    warning('ly-jun', '2025-06-01T10:00:00+08:00', { county: keqiao }),
    // This year.
    warning('ty-feb', '2026-02-01T10:00:00+08:00', { county: keqiao }),
    warning('ty-mar2', '2026-03-02T10:00:00+08:00', { county: keqiao }),
    warning('ty-today', '2026-03-10T09:00:00+08:00', { county: keqiao }),
  ]);
});
afterAll(() => server.destroy());

async function stats(query: string): Promise<Stats> {
  const response = await fetch(`${server.url}/api/v1/stats?${query}&compare=previous_year`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as Stats;
}

describe('a period that reaches today, against last year', () => {
  it('compares today so far with last year’s day up to the same time, and says where it cut', async () => {
    const s = await stats('from=2026-03-10&to=2026-03-10');
    expect(s.asOf).toBe('2026-03-10T21:05:30.000+08:00');
    expect(s.totals.warnings).toBe(1);
    expect(s.compare).toMatchObject({ from: '2025-03-10', to: '2025-03-10', asOf: '2025-03-10T21:05:00.000+08:00' });
    expect(s.compare!.totals).toMatchObject({ warnings: 1, dissuaded: 1, casesFiled: 0 });
    expect(s.compare!.changePct.warnings).toBe(0);
    expect(s.compare!.buckets).toEqual([expect.objectContaining({ key: '2025-03-10', totals: expect.objectContaining({ warnings: 1 }) })]);
  });

  it('compares a month in progress with the same days of last year’s month, in its buckets too', async () => {
    for (const to of ['2026-03-10', '2026-03-31']) {
      const s = await stats(`from=2026-03-01&to=${to}&groupBy=day`);
      expect(s.compare!.totals.warnings, to).toBe(2);
      const lastYear = new Map(s.compare!.buckets.map((b) => [b.key, b.totals.warnings]));
      expect(lastYear.get('2025-03-04')).toBe(1);
      expect(lastYear.get('2025-03-10')).toBe(1);
      expect(lastYear.get('2025-03-25') ?? 0).toBe(0);
    }
  });

  it('compares a year in progress with last year up to this date and time, month by month', async () => {
    const s = await stats('from=2026-01-01&to=2026-12-31&groupBy=month');
    expect(s.totals.warnings).toBe(3);
    expect(s.compare!.totals.warnings).toBe(3);
    expect(s.compare!.asOf).toBe('2025-03-10T21:05:00.000+08:00');
    const lastYear = new Map(s.compare!.buckets.map((b) => [b.key, b.totals.warnings]));
    expect(lastYear.get('2025-01')).toBe(1);
    expect(lastYear.get('2025-03')).toBe(2);
    expect(lastYear.get('2025-06') ?? 0).toBe(0);
    // The index compares cases like for like as well: last year's 22:30 case is not yet counted.
    expect(s.counties.find((c) => c.adcode === keqiao)?.index.components.cases).toBeNull();
  });

  it('leaves a period that ended before today whole on both sides', async () => {
    const s = await stats('from=2026-02-01&to=2026-02-28');
    expect(s.asOf).toBeUndefined();
    expect(s.compare?.asOf).toBeUndefined();
    expect(s.compare).toMatchObject({ from: '2025-02-01', to: '2025-02-28' });
  });
});
