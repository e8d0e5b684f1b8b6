import { describe, expect, it } from 'vitest';
import { changeView, comparability } from '../../client/briefing/change';
import type { Stats } from '../../shared/protocol/stats';
import { customPeriod, periodOf } from '../../client/briefing/period';
import { rotationFrom } from '../../client/layout/rotation';

describe('briefing periods', () => {
  it('are the calendar periods containing the server’s today, weeks from Monday', () => {
    // 2026-11-27 is a Friday.
    expect(periodOf('today', '2026-11-27')).toEqual({ from: '2026-11-27', to: '2026-11-27', groupBy: 'day' });
    expect(periodOf('week', '2026-11-27')).toEqual({ from: '2026-11-23', to: '2026-11-27', groupBy: 'day' });
    expect(periodOf('week', '2026-11-23')).toMatchObject({ from: '2026-11-23' });
    expect(periodOf('month', '2026-11-27')).toEqual({ from: '2026-11-01', to: '2026-11-27', groupBy: 'day' });
    expect(periodOf('year', '2026-11-27')).toEqual({ from: '2026-01-01', to: '2026-11-27', groupBy: 'month' });
    expect(customPeriod('2026-01-01', '2026-02-15').groupBy).toBe('day');
    expect(customPeriod('2025-06-01', '2026-02-15').groupBy).toBe('month');
  });
});

describe('changes against last year', () => {
  it('are good news when they go the right way', () => {
    expect(changeView(-31.3, 'down')).toEqual({ text: '-31.3%', arrow: '▼', tone: 'good' });
    expect(changeView(149.3, 'up')).toEqual({ text: '+149.3%', arrow: '▲', tone: 'good' });
    expect(changeView(12, 'down')).toEqual({ text: '+12.0%', arrow: '▲', tone: 'bad' });
    expect(changeView(null, 'up')).toEqual({ text: '去年无', arrow: '—', tone: 'flat' });
  });

  it('are neither good nor bad news when the periods are not like for like', () => {
    expect(changeView(-80, 'down', false)).toEqual({ text: '-80.0%', arrow: '▼', tone: 'flat' });
    const stats = (compare: Partial<Stats['compare']>) => ({ compare: { from: '2025-01-01', to: '2025-12-06', ...compare } }) as Stats;
    // The demo's history starts after last year's period began: its figures are partly missing.
    const history = { from: '2025-11-06', to: '2026-12-05', loadedThrough: '2026-12-05', complete: true };
    expect(comparability(stats({}), history)).toMatchObject({ likeForLike: false, note: expect.stringContaining('2025-11-06') });
    expect(comparability(stats({ asOf: '2025-12-06T21:05:00.000+08:00' }), undefined)).toEqual({
      likeForLike: true,
      note: '同比：去年 2025-01-01 至 2025-12-06，去年截至同日 21:05',
    });
    expect(comparability({} as Stats, undefined).likeForLike).toBe(false);
  });
});

describe('rotation', () => {
  it('reads the schedule from the URL and ignores a bad one', () => {
    expect(rotationFrom('?rotate=live:120,briefing:30')).toEqual([
      { view: 'live', seconds: 120 },
      { view: 'briefing', seconds: 30 },
    ]);
    expect(rotationFrom('')).toBeUndefined();
    expect(rotationFrom('?rotate=live:120,map:30')).toBeUndefined();
    expect(rotationFrom('?rotate=live:1')).toBeUndefined();
  });
});
