// The province simulated (issue 12): 30,000+ provincial warning instructions a day with the
// cities' own platforms adding theirs, over all 90 counties weighted by people; money and cases
// sized to the province's 2021 figures; a city other than Shaoxing scaled by its people.
import { describe, expect, it } from 'vitest';
import { regionPack } from '../../shared/region';
import { addDays, ZonedCalendar } from '../../shared/time/zoned-calendar';
import { centerSize } from '../../server/simulator/center-size';
import { Random } from '../../server/simulator/random';
import { SimulatedCenter } from '../../server/simulator/simulated-center';

const calendar = new ZonedCalendar('Asia/Shanghai');
const province = regionPack('zhejiang');
// A mid-May day: the season's factor is 1 there.
const DAY = '2026-05-15';

describe('the province simulated', () => {
  it('issues 30,000+ provincial warnings a day and the cities’ own besides, over every county by people', () => {
    const center = new SimulatedCenter(province, calendar, new Random(12), 'p', calendar.startOfDay(DAY), calendar.startOfDay(addDays(DAY, 1)));
    const bySource = { province: 0, city: 0 };
    const byCounty = new Map<string, number>();
    let stopPayments = 0;
    let casesFiled = 0;
    for (const { body } of center.advance(calendar.startOfDay(addDays(DAY, 1)))) {
      if (body['type'] === 'warning') {
        bySource[body['source'] as 'province' | 'city']++;
        byCounty.set(body['county'] as string, (byCounty.get(body['county'] as string) ?? 0) + 1);
      } else if (body['type'] === 'interception' && body['kind'] === 'stop_payment') stopPayments++;
      else if (body['type'] === 'case' && body['kind'] === 'filed') casesFiled++;
    }
    // The twelve months to "now" average the profile; a day a year before is the trend's low end.
    expect(bySource.province).toBeGreaterThan(24_000);
    expect(bySource.city).toBeGreaterThan(8_000);
    expect(bySource.province / (bySource.province + bySource.city)).toBeCloseTo(0.71, 1);
    expect([...byCounty.keys()].sort()).toEqual(province.counties.map((c) => c.adcode));
    const city = (prefix: string) => [...byCounty].filter(([code]) => code.startsWith(prefix)).reduce((sum, [, n]) => sum + n, 0);
    // Hangzhou has ten times Zhoushan's people.
    expect(city('3301') / city('3309')).toBeGreaterThan(7);
    expect(city('3301') / city('3309')).toBeLessThan(14);
    // ¥2.58 bn stopped and 65,000 cases filed a year: about 262 and 178 a day.
    expect(stopPayments).toBeGreaterThan(180);
    expect(stopPayments).toBeLessThan(340);
    expect(casesFiled).toBeGreaterThan(120);
    expect(casesFiled).toBeLessThan(240);
  });

  it('sizes a city by its people against Shaoxing', () => {
    expect(centerSize(regionPack('shaoxing')).warningsPerDay).toBe(2_300);
    expect(centerSize(regionPack('hangzhou')).warningsPerDay / 2_300).toBeCloseTo(1194 / 527, 3);
    expect(centerSize(province).warningsPerDay).toBeGreaterThan(30_000 + 12_000);
  });
});
