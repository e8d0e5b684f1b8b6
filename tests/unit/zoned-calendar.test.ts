import { describe, expect, it } from 'vitest';
import { addDays, daysInclusive, eachDay, eachMonth, isDayInRange, isValidTimeZone, ZonedCalendar } from '../../shared/time/zoned-calendar';

describe('ZonedCalendar', () => {
  const shanghai = new ZonedCalendar('Asia/Shanghai');

  it('puts an instant on the local day of the configured zone, not the machine one', () => {
    // 16:30 UTC on the 26th is 00:30 on the 27th in Shanghai.
    expect(shanghai.dayKey(Date.parse('2026-11-26T16:30:00Z'))).toBe('2026-11-27');
    expect(new ZonedCalendar('UTC').dayKey(Date.parse('2026-11-26T16:30:00Z'))).toBe('2026-11-26');
    expect(shanghai.dayKey(Date.parse('2026-11-27T23:59:59.999+08:00'))).toBe('2026-11-27');
  });

  it('numbers the 10-minute buckets of the local day', () => {
    expect(shanghai.bucketOf(Date.parse('2026-11-27T00:00:00+08:00'))).toBe(0);
    expect(shanghai.bucketOf(Date.parse('2026-11-27T09:35:00+08:00'))).toBe(57);
    expect(shanghai.bucketOf(Date.parse('2026-11-27T23:59:59+08:00'))).toBe(143);
  });

  it('finds local midnight and writes times with their offset', () => {
    expect(shanghai.startOfDay('2026-11-27')).toBe(Date.parse('2026-11-27T00:00:00+08:00'));
    expect(shanghai.isoWithOffset(Date.parse('2026-11-27T01:30:01.250Z'))).toBe('2026-11-27T09:30:01.250+08:00');
  });

  it('follows daylight saving time where the zone has it', () => {
    const newYork = new ZonedCalendar('America/New_York');
    expect(newYork.isoWithOffset(Date.parse('2026-07-01T12:00:00Z'))).toBe('2026-07-01T08:00:00.000-04:00');
    expect(newYork.isoWithOffset(Date.parse('2026-12-01T12:00:00Z'))).toBe('2026-12-01T07:00:00.000-05:00');
    // 2026-03-08 is the spring-forward day: midnight is still at -05:00.
    expect(newYork.startOfDay('2026-03-08')).toBe(Date.parse('2026-03-08T00:00:00-05:00'));
  });

  it('keeps day keys exact at every midnight when asked in runs, as a batch does', () => {
    // The calendar remembers the last day; walking across 23- and 25-hour days must not stretch it.
    const newYork = new ZonedCalendar('America/New_York');
    for (const day of ['2026-03-07', '2026-03-08', '2026-03-09', '2026-10-31', '2026-11-01', '2026-11-02']) {
      const midnight = newYork.startOfDay(day);
      expect(newYork.dayKey(midnight - 1)).toBe(addDays(day, -1));
      expect(newYork.dayKey(midnight)).toBe(day);
      expect(newYork.dayKey(midnight + 12 * 3_600_000)).toBe(day);
      expect(newYork.dayKey(midnight - 1)).toBe(addDays(day, -1));
    }
  });

  it('does calendar arithmetic on day keys across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('recognises IANA zones', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('day-key ranges', () => {
  it('know real dates, shift years, and list days and months', async () => {
    const { addYears, eachDay, eachMonth, isDayKey } = await import('../../shared/time/zoned-calendar');
    expect(isDayKey('2026-02-28')).toBe(true);
    expect(isDayKey('2026-02-29')).toBe(false);
    expect(isDayKey('2026-13-01')).toBe(false);
    expect(isDayKey('2026-12-32')).toBe(false);
    expect(addYears('2028-02-29', -1)).toBe('2027-02-28');
    expect(addYears('2026-11-27', -1)).toBe('2025-11-27');
    expect(eachDay('2025-12-30', '2026-01-02')).toEqual(['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']);
    expect(eachMonth('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('cut a range into partial-month days and whole months for the monthly rollups', async () => {
    const { splitRange } = await import('../../server/stats/stats-query');
    expect(splitRange('2025-11-27', '2026-11-27')).toEqual({
      days: [['2025-11-27', '2025-11-30'], ['2026-11-01', '2026-11-27']],
      months: ['2025-12', '2026-10'],
    });
    expect(splitRange('2026-01-01', '2026-03-31')).toEqual({ days: [], months: ['2026-01', '2026-03'] });
    expect(splitRange('2026-02-03', '2026-02-20')).toEqual({ days: [['2026-02-03', '2026-02-20']] });
    expect(splitRange('2024-02-01', '2024-02-29')).toEqual({ days: [], months: ['2024-02', '2024-02'] });
  });
});

describe('day loops', () => {
  it('count days without walking them, and refuse to walk an unbounded range', () => {
    expect(daysInclusive('2026-01-01', '2026-01-01')).toBe(1);
    expect(daysInclusive('2024-01-01', '2024-12-31')).toBe(366);
    expect(eachDay('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(eachMonth('2025-11-15', '2026-01-02')).toEqual(['2025-11', '2025-12', '2026-01']);
    // The day after 9999-12-31 is not a YYYY-MM-DD key: a loop that compared strings never ended.
    expect(() => eachDay('9999-12-31', '9999-12-31')).not.toThrow();
    expect(() => eachDay('0001-01-01', '9999-12-31')).toThrow(RangeError);
    expect(() => eachMonth('2026-01-01', '+10000-01-01')).toThrow(RangeError);
    expect(isDayInRange('2000-01-01') && isDayInRange('2100-12-31')).toBe(true);
    expect(isDayInRange('1999-12-31') || isDayInRange('2101-01-01') || isDayInRange('2026-02-30')).toBe(false);
  });
});
