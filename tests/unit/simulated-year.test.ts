// The demo's year as leadership reads it: the balance against last year follows the province's
// 2021 figures, the totals are a city of Shaoxing's size, and any day compares with the one
// before it hour by hour (domain.md; issue 11).
import { describe, expect, it } from 'vitest';
import { regionPack } from '../../shared/region';
import { addDays, ZonedCalendar } from '../../shared/time/zoned-calendar';
import { Random } from '../../server/simulator/random';
import { SimulatedCenter } from '../../server/simulator/simulated-center';

const calendar = new ZonedCalendar('Asia/Shanghai');
const region = regionPack('shaoxing');

interface Totals {
  warnings: number;
  dissuaded: number;
  casesFiled: number;
  lossFen: number;
  casesSolved: number;
  arrests: number;
  stopPaymentFen: number;
  recoveryFen: number;
  /** Outreach by the unit that gave it: events, sessions, people; and the formats used. */
  outreach: Record<string, { events: number; sessions: number; people: number }>;
  outreachFormats: Record<string, number>;
}

/** Simulates [from, to] as the history backfill does, with "now" on `now`; totals and warnings by hour per day. */
function simulate(from: string, to: string, now: string, seed: number) {
  const center = new SimulatedCenter(region, calendar, new Random(seed), 't', calendar.startOfDay(from), calendar.startOfDay(now));
  const totals: Totals = { warnings: 0, dissuaded: 0, casesFiled: 0, lossFen: 0, casesSolved: 0, arrests: 0, stopPaymentFen: 0, recoveryFen: 0, outreach: {}, outreachFormats: {} };
  const warningsByHour = new Map<string, number[]>();
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const hours = new Array<number>(24).fill(0);
    warningsByHour.set(day, hours);
    for (const { simMs, body: e } of center.advance(calendar.startOfDay(addDays(day, 1)))) {
      if (e['type'] === 'warning') {
        totals.warnings++;
        hours[Math.floor(calendar.bucketOf(simMs) / 6)]!++;
      } else if (e['type'] === 'contact' && e['result'] === 'dissuaded') totals.dissuaded++;
      else if (e['type'] === 'interception') totals[e['kind'] === 'recovery' ? 'recoveryFen' : 'stopPaymentFen'] += e['amountFen'] as number;
      else if (e['type'] === 'case' && e['kind'] === 'filed') {
        totals.casesFiled++;
        totals.lossFen += e['lossFen'] as number;
      } else if (e['type'] === 'case' && e['kind'] === 'solved') totals.casesSolved++;
      else if (e['type'] === 'case' && e['kind'] === 'arrest') totals.arrests += e['count'] as number;
      else if (e['type'] === 'outreach') {
        const unit = (totals.outreach[e['unit'] as string] ??= { events: 0, sessions: 0, people: 0 });
        unit.events++;
        unit.sessions += e['sessions'] as number;
        unit.people += e['people'] as number;
        totals.outreachFormats[e['format'] as string] = (totals.outreachFormats[e['format'] as string] ?? 0) + 1;
      }
    }
  }
  return { totals, warningsByHour };
}

const changePct = (now: number, before: number) => (now / before - 1) * 100;

describe('the demo’s year', () => {
  it('balances against last year as the province’s 2021 figures did, within ±3 percentage points', () => {
    // The same quarter a year apart, "now" just after it.
    for (const seed of [1, 2]) {
      const last = simulate('2025-01-01', '2025-03-31', '2026-04-01', seed).totals;
      const current = simulate('2026-01-01', '2026-03-31', '2026-04-01', seed + 100).totals;
      expect(Math.abs(changePct(current.casesFiled, last.casesFiled) - -31.3)).toBeLessThanOrEqual(3);
      expect(Math.abs(changePct(current.lossFen, last.lossFen) - -14.1)).toBeLessThanOrEqual(3);
      expect(Math.abs(changePct(current.casesSolved, last.casesSolved) - 31.1)).toBeLessThanOrEqual(3);
      expect(Math.abs(changePct(current.arrests, last.arrests) - 149.3)).toBeLessThanOrEqual(3);
    }
  });

  const year = simulate('2025-12-02', '2026-12-01', '2026-12-02', 7);

  it('is a city of Shaoxing’s size over the twelve months up to now', () => {
    const { totals } = year;
    const yuan = (fen: number) => fen / 100;
    expect(totals.warnings).toBeGreaterThan(800_000); // 840,000+ person-times warned
    expect(totals.warnings).toBeLessThan(900_000);
    expect(totals.dissuaded).toBeGreaterThan(550_000); // the province's 77 % dissuaded
    expect(totals.casesFiled).toBeGreaterThan(4_800); // 8.2 % of the province's 65,000
    expect(totals.casesFiled).toBeLessThan(5_900);
    expect(yuan(totals.lossFen)).toBeGreaterThan(280e6); // 8.2 % of ¥3.89 bn
    expect(yuan(totals.lossFen)).toBeLessThan(360e6);
    expect(totals.casesSolved).toBeGreaterThan(1_250); // 8.2 % of 17,000
    expect(totals.casesSolved).toBeLessThan(1_550);
    expect(totals.arrests).toBeGreaterThan(2_600); // 2,878 suspects dealt with
    expect(totals.arrests).toBeLessThan(3_200);
    expect(yuan(totals.recoveryFen)).toBeGreaterThan(100e6); // ¥100 M+ recovered
    expect(yuan(totals.recoveryFen)).toBeLessThan(140e6);
    expect(yuan(totals.stopPaymentFen)).toBeGreaterThan(180e6); // 8.2 % of ¥2.58 bn stopped
    expect(yuan(totals.stopPaymentFen)).toBeLessThan(240e6);
  });

  it('gives 5,000+ talks by the force, and the line units, village cadres, grid workers and volunteers their door-to-door rounds', () => {
    const { outreach, outreachFormats } = year.totals;
    expect(outreach['police']!.sessions).toBeGreaterThan(5_000); // 5,000+ talks by the whole force
    expect(outreach['police']!.sessions).toBeLessThan(5_500);
    // A talk in a hall reaches about a hundred people; a round of doors a few dozen.
    expect(outreach['police']!.people / outreach['police']!.sessions).toBeGreaterThan(80);
    expect(outreach['police']!.people / outreach['police']!.sessions).toBeLessThan(400);
    expect(outreach['grid']!.people / outreach['grid']!.sessions).toBeGreaterThan(15);
    expect(outreach['grid']!.people / outreach['grid']!.sessions).toBeLessThan(60);
    for (const unit of ['department', 'village', 'grid', 'volunteer']) expect(outreach[unit]!.events).toBeGreaterThan(500);
    expect(outreachFormats['door_to_door']!).toBeGreaterThan((outreach['grid']!.events + outreach['village']!.events) * 0.7);
  });

  it('keeps every day’s warnings so far within ±25 % of the day before at the same hour, from 06:00 on', () => {
    const days = [...year.warningsByHour.entries()];
    let worst = 0;
    for (let i = 1; i < days.length; i++) {
      const [, today] = days[i]!;
      const [, yesterday] = days[i - 1]!;
      let todaySoFar = 0;
      let yesterdaySoFar = 0;
      for (let hour = 0; hour < 24; hour++) {
        todaySoFar += today[hour]!;
        yesterdaySoFar += yesterday[hour]!;
        // At 06:00 the first six hours are in.
        if (hour >= 5) worst = Math.max(worst, Math.abs(todaySoFar / yesterdaySoFar - 1));
      }
    }
    expect(worst).toBeLessThanOrEqual(0.25);
  });
});
