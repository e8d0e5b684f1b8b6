import { describe, expect, it } from 'vitest';
import { changeView } from '../../client/briefing/change';
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
