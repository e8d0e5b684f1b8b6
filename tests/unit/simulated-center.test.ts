import { describe, expect, it } from 'vitest';
import { regionPack } from '../../shared/region';
import { createEventValidator } from '../../shared/schema/validate';
import { ZonedCalendar } from '../../shared/time/zoned-calendar';
import { Random } from '../../server/simulator/random';
import { SimulatedCenter } from '../../server/simulator/simulated-center';

const calendar = new ZonedCalendar('Asia/Shanghai');
const region = regionPack('shaoxing');
const dayStart = Date.parse('2026-11-26T00:00:00+08:00');

function simulateDay(seed: number) {
  const center = new SimulatedCenter(region, calendar, new Random(seed), 'test', dayStart);
  return center.advance(dayStart + 86_400_000);
}

describe('the simulated center', () => {
  const events = simulateDay(42);
  const ofType = (type: string) => events.filter((e) => e.body['type'] === type);

  it('issues about 2,300 warnings a day (November: Double 11 makes it 10 % busier)', () => {
    expect(ofType('warning').length).toBeGreaterThan(2_250);
    expect(ofType('warning').length).toBeLessThan(2_800);
  });

  it('runs a wave (issue 26): a dozen or more of one type in one county within 25 minutes, its first in the morning', () => {
    const warnings = ofType('warning').filter((e) => e.simMs >= dayStart + 9 * 3_600_000 && e.simMs < dayStart + 9 * 3_600_000 + 25 * 60_000);
    const byPlaceAndType = new Map<string, number>();
    for (const w of warnings) {
      const key = `${String(w.body['county'])} ${String(w.body['fraudType'])}`;
      byPlaceAndType.set(key, (byPlaceAndType.get(key) ?? 0) + 1);
    }
    const [busiest, count] = [...byPlaceAndType].sort((a, b) => b[1] - a[1])[0]!;
    expect(count, busiest).toBeGreaterThanOrEqual(14);
    // The rest of that morning's warnings spread as usual: no other pair comes near.
    expect([...byPlaceAndType.values()].sort((a, b) => b - a)[1]).toBeLessThan(count / 2);
  });

  it('makes last year worse than this one, as the province’s figures say', async () => {
    const { rateFactors } = await import('../../server/simulator/center-profile');
    // Two dates a year apart, whenever "now" is: the trend moves a little every day, not at New Year.
    const thisYear = rateFactors('2026-03-10', 0.3);
    const lastYear = rateFactors('2025-03-10', 1.3);
    // Cases filed −31.3 %, solved +31.1 %, arrests +149.3 % from last year to this.
    expect(thisYear.casesFiled / lastYear.casesFiled).toBeCloseTo(0.687, 3);
    expect(thisYear.casesSolved / lastYear.casesSolved).toBeCloseTo(1.311, 3);
    expect(thisYear.arrests / lastYear.arrests).toBeCloseTo(2.493, 3);
    // Losses −14.1 %: cases × loss per case.
    expect((thisYear.casesFiled * thisYear.caseLoss) / (lastYear.casesFiled * lastYear.caseLoss)).toBeCloseTo(0.859, 3);
    expect(rateFactors('2026-02-10', 0).warnings).toBeGreaterThan(rateFactors('2026-07-10', 0).warnings);
    // No step at midnight, New Year's included.
    expect(rateFactors('2026-01-01', 0.5).warnings / rateFactors('2025-12-31', 0.5 + 1 / 365).warnings).toBeCloseTo(1, 2);
  });

  it('is busier by day and in the evening than at night', () => {
    const inHour = (h: number) =>
      ofType('warning').filter((e) => Math.floor(calendar.bucketOf(e.simMs) / 6) === h).length;
    expect(inHour(10) + inHour(20)).toBeGreaterThan(4 * (inHour(3) + inHour(4)));
  });

  it('weights counties by population: 诸暨 (121.8万) sees more than 新昌 (43万)', () => {
    const inCounty = (adcode: string) => ofType('warning').filter((e) => e.body['county'] === adcode).length;
    expect(inCounty('330681')).toBeGreaterThan(2 * inCounty('330624'));
  });

  it('calls every warning, and walks the unreachable ones through comms → station → resolved', () => {
    const unreachable = ofType('contact').filter((e) => e.body['result'] === 'unreachable');
    expect(unreachable.length / ofType('warning').length).toBeGreaterThan(0.04);
    expect(unreachable.length / ofType('warning').length).toBeLessThan(0.12);
    const steps = ofType('escalation').map((e) => e.body['step']);
    expect(steps.filter((s) => s === 'resolved').length).toBeGreaterThan(unreachable.length * 0.8);
    expect(steps).toContain('comms');
    expect(steps).toContain('station');
    expect(ofType('interception').length).toBeGreaterThan(10);
    expect(ofType('case').length).toBeGreaterThan(5);
  });

  it('makes only events that pass the contract validation, in time order, with unique ids', () => {
    const validate = createEventValidator({
      regionId: 'shaoxing',
      countyCodes: new Set(region.counties.map((c) => c.adcode)),
      now: () => dayStart + 2 * 86_400_000,
    });
    for (const { simMs, body } of events) {
      const result = validate({ ...body, at: calendar.isoWithOffset(simMs) });
      expect(result.ok ? [] : result.errors).toEqual([]);
    }
    expect(events.map((e) => e.simMs)).toEqual([...events.map((e) => e.simMs)].sort((a, b) => a - b));
    expect(new Set(events.map((e) => e.body['id'])).size).toBe(events.length);
  });

  it('resolves every escalation it opens within two hours, midnight included', () => {
    const center = new SimulatedCenter(region, calendar, new Random(3), 'mid', dayStart);
    const events = [...center.advance(dayStart + 86_400_000), ...center.advance(dayStart + 86_400_000 + 3 * 3_600_000)];
    const resolvedAt = new Map(
      events.filter((e) => e.body['type'] === 'escalation' && e.body['step'] === 'resolved').map((e) => [e.body['warningId'], e.simMs]),
    );
    const opened = events.filter((e) => e.body['type'] === 'contact' && e.body['result'] === 'unreachable' && e.simMs < dayStart + 86_400_000);
    expect(opened.some((e) => e.simMs > dayStart + 86_400_000 - 3_600_000)).toBe(true); // some span midnight
    for (const e of opened) {
      const closed = resolvedAt.get(e.body['warningId']);
      expect(closed, String(e.body['warningId'])).toBeDefined();
      expect(closed! - e.simMs).toBeLessThan(2 * 3_600_000);
    }
  });

  it('reports back at once an escalation a stopped demo left open for hours, and works a recent one on', () => {
    const now = dayStart + 12 * 3_600_000;
    const center = new SimulatedCenter(region, calendar, new Random(4), 'restart', now);
    const open = (warningId: string, hoursAgo: number) =>
      ({ warningId, n: 1, county: '330602', openedAtMs: now - hoursAgo * 3_600_000, stage: 'comms', stageAtMs: now - hoursAgo * 3_600_000 }) as const;
    center.finish([open('old', 30), open('recent', 0.2)], now);
    const steps = center.advance(now + 3 * 3_600_000).filter((e) => e.body['type'] === 'escalation');
    const resolved = (id: string) => steps.find((e) => e.body['warningId'] === id && e.body['step'] === 'resolved')!;
    expect(resolved('old').simMs - now).toBeLessThanOrEqual(2 * 60_000);
    expect(steps.filter((e) => e.body['warningId'] === 'old')).toHaveLength(1);
    expect(steps.find((e) => e.body['warningId'] === 'recent' && e.body['step'] === 'station')).toBeDefined();
    // Worked on from its step: the station's visit (3 minutes at least) comes before the report.
    expect(resolved('recent').simMs - now).toBeGreaterThan(3 * 60_000);
  });

  it('replays the same day from the same seed', () => {
    expect(simulateDay(7).slice(0, 50)).toEqual(simulateDay(7).slice(0, 50));
  });
});
