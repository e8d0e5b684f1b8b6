// The wall's pure presentation logic: layout fit, ticker lines, chart options, label points.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labelPoints } from '../../client/charts/label-points';
import { fraudTypeRows, fraudTypesOption, FRAUD_TYPE_ROWS } from '../../client/charts/options/fraud-types-option';
import type { FraudType } from '../../shared/vocabulary';
import { mapOption, mapScaleMax } from '../../client/charts/options/map-option';
import { volumeOption } from '../../client/charts/options/volume-option';
import { withoutUpdateAnimation } from '../../client/charts/without-update-animation';
import { describeEvent } from '../../client/format/describe-event';
import { formatClock, formatElapsed } from '../../client/format/clock';
import { designSizeFrom, fitScale } from '../../client/layout/design-size';
import { digitShape } from '../../client/layout/fit-text';
import { slaAge } from '../../client/format/sla-age';
import type { MaskedEvent } from '../../shared/format/mask-event';
import type { PlaceFigures, WarningTotals } from '../../shared/protocol/wall-state';
import { FRAUD_TYPES } from '../../shared/vocabulary';

describe('design canvas', () => {
  it('is 1920×1080 unless the URL asks for a valid other size', () => {
    expect(designSizeFrom('')).toEqual({ width: 1920, height: 1080 });
    expect(designSizeFrom('?design=3840x1080')).toEqual({ width: 3840, height: 1080 });
    expect(designSizeFrom('?design=12x12')).toEqual({ width: 1920, height: 1080 });
    expect(designSizeFrom('?design=wide')).toEqual({ width: 1920, height: 1080 });
    // Chosen from the screen's shape when not named: a 32:9 LED wall gets the wide layout.
    expect(designSizeFrom('', { width: 3840, height: 1080 })).toEqual({ width: 3840, height: 1080 });
    expect(designSizeFrom('', { width: 3840, height: 2160 })).toEqual({ width: 1920, height: 1080 });
    expect(designSizeFrom('?design=1920x1080', { width: 3840, height: 1080 })).toEqual({ width: 1920, height: 1080 });
  });
  it('scales uniformly, letterboxing the spare dimension', () => {
    expect(fitScale({ width: 1920, height: 1080 }, { width: 3840, height: 2160 })).toBe(2);
    expect(fitScale({ width: 1920, height: 1080 }, { width: 1920, height: 1200 })).toBe(1);
    expect(fitScale({ width: 1920, height: 1080 }, { width: 1280, height: 1024 })).toBeCloseTo(1280 / 1920);
  });
});

describe('fitting the KPI boxes', () => {
  it('fits again only when a figure gains or loses a digit', () => {
    const shape = (warnings: number, fen: number) => digitShape({ today: { warnings, interceptedFen: { stopPayment: fen } } });
    expect(shape(1_315, 149_300)).toBe(shape(1_999, 999_999));
    expect(shape(1_315, 149_300)).not.toBe(shape(10_000, 149_300));
    expect(shape(1_315, 149_300)).not.toBe(shape(1_315, 1_000_000));
  });
});

describe('times on the wall', () => {
  it('follow the configured zone and show elapsed time as mm:ss, then h:mm:ss', () => {
    expect(formatClock(Date.parse('2026-11-27T01:30:05Z'), 'Asia/Shanghai')).toBe('09:30:05');
    expect(formatElapsed(65_000)).toBe('01:05');
    expect(formatElapsed(3_725_000)).toBe('1:02:05');
    expect(formatElapsed(-5)).toBe('00:00');
  });
});

describe('SLA ages', () => {
  it('turn amber and red at the configured minutes after opening', () => {
    const sla = { amberMinutes: 15, redMinutes: 30 };
    const opened = '2026-11-27T09:00:00.000+08:00';
    const at = (minutes: number) => Date.parse(opened) + minutes * 60_000;
    expect(slaAge(opened, at(14.9), sla)).toBe('normal');
    expect(slaAge(opened, at(15), sla)).toBe('amber');
    expect(slaAge(opened, at(30), sla)).toBe('red');
  });
});

describe('ticker lines', () => {
  const name = (adcode: string) => (adcode === '330603' ? '柯桥区' : adcode);
  const base = { at: '2026-11-27T09:30:00+08:00', county: '330603' };
  it('say what happened, where, in the room’s words, with the victim masked as received', () => {
    const warning = { ...base, id: 'w', type: 'warning', source: 'city', level: 'high', fraudType: 'rebate', victim: { phone: '138****1234', name: '刘*' } } as MaskedEvent;
    expect(describeEvent(warning, name)).toEqual({ id: 'w', tone: 'high', text: '柯桥区 高风险预警 · 刷单返利 · 刘* 138****1234' });
    const unreachable = { ...base, id: 'c', type: 'contact', warningId: 'w', result: 'unreachable' } as MaskedEvent;
    expect(describeEvent(unreachable, name).text).toBe('柯桥区 电话打不通 · 升级高危');
    const resolved = { ...base, id: 'e', type: 'escalation', warningId: 'w', step: 'resolved', outcome: 'loss' } as MaskedEvent;
    expect(describeEvent(resolved, name)).toMatchObject({ tone: 'high', text: '柯桥区 高危处置完毕 · 损失' });
    const stop = { ...base, id: 'i', type: 'interception', kind: 'stop_payment', amountFen: 1_235_000 } as MaskedEvent;
    expect(describeEvent(stop, name).text).toBe('柯桥区 紧急止付 1.24万元');
  });
});

function totals(byType: Partial<Record<(typeof FRAUD_TYPES)[number], number>>): WarningTotals {
  return {
    total: 0,
    byLevel: { high: 0, medium: 0, low: 0 },
    bySource: { province: 0, city: 0 },
    byType: Object.fromEntries(FRAUD_TYPES.map((t) => [t, byType[t] ?? 0])) as WarningTotals['byType'],
  };
}

describe('chart options', () => {
  it('list the biggest fraud types and fold the rest into 其他', () => {
    const rows = fraudTypeRows(totals({ rebate: 9, investment: 8, romance: 7, loan: 6, customer_service: 5, credit: 4, game_trade: 3, other: 2 }).byType);
    expect(rows).toHaveLength(FRAUD_TYPE_ROWS);
    expect(rows[0]).toEqual({ label: '刷单返利', count: 9 });
    // credit 4 + game_trade 3 + police 0 + acquaintance 0 + other 2
    expect(rows.at(-1)).toEqual({ label: '其他', count: 9 });
  });

  it('draw 144 buckets of today by level against yesterday, and describe the totals', () => {
    const option = volumeOption({ today: { '57': { high: 2, medium: 1, low: 0 } }, yesterday: { '57': 4, '143': 1 } });
    const series = option.series as { name: string; data: number[] }[];
    expect(series.map((s) => s.data.length)).toEqual([144, 144, 144, 144]);
    expect(series.find((s) => s.name === '今日高风险')?.data[57]).toBe(2);
    expect(series.find((s) => s.name === '昨日')?.data[143]).toBe(1);
    expect((option.aria as { label: { description: string } }).label.description).toBe(
      '今日预警3起，其中高风险2起、中风险1起、低风险0起；昨日全天5起。',
    );
  });

  it('shade the places on a fixed scale with numbers on its legend, shapes joined by adcode', () => {
    const counties: PlaceFigures[] = [
      { adcode: '330602', name: '越城区', warnings: 5, highRisk: 1, interceptedFen: 0, activeEscalations: 0, overdueEscalations: 0 },
      { adcode: '330603', name: '柯桥区', warnings: 900, highRisk: 2, interceptedFen: 0, activeEscalations: 2, overdueEscalations: 1 },
    ];
    const option = mapOption({ mapName: 'shaoxing', places: counties, scaleMax: 500 });
    const series = option.series as { type: string; name: string; data: { name: string; value: unknown }[] }[];
    // Shapes join figures by adcode, never by name; a place beyond the scale's top is as red as it gets.
    const map = series.find((s) => s.type === 'map') as { nameProperty?: string; data: unknown } | undefined;
    expect(map?.nameProperty).toBe('adcode');
    expect(map?.data).toEqual([{ name: '330602', value: 5 }, { name: '330603', value: 500 }]);
    expect((option.geo as { nameProperty?: string }).nameProperty).toBe('adcode');
    expect(option.visualMap).toMatchObject({ max: 500, text: ['500起+', '0'] });
  });

  it('fix the colour scale from yesterday’s whole day, or from FRAUDWALL_MAP_SCALE', () => {
    // 6 counties, 2,655 warnings yesterday: twice a county's share is 885, shown as 900.
    expect(mapScaleMax(undefined, 2_655, 6)).toBe(900);
    expect(mapScaleMax(undefined, 0, 6)).toBe(10);
    expect(mapScaleMax(250, 2_655, 6)).toBe(250);
  });
});

describe('a chart redrawn without animating', () => {
  it('tells the chart and every series, whose own defaults would otherwise animate (a pie does)', () => {
    const option = fraudTypesOption(Object.fromEntries(FRAUD_TYPES.map((t) => [t, 1])) as Record<FraudType, number>);
    const still = withoutUpdateAnimation(option);
    expect(still.animationDurationUpdate).toBe(0);
    expect([still.series].flat().map((s) => s?.animationDurationUpdate)).toEqual([0]);
    // The option it was given is left as it was: the chart compares it with the next.
    expect(option.animationDurationUpdate).toBe(300);
    expect(withoutUpdateAnimation({ aria: { enabled: true } })).toEqual({ aria: { enabled: true }, animationDurationUpdate: 0 });
  });
});

describe('map label points', () => {
  it('fall inside each county of the bundled Shaoxing map', () => {
    const geo = JSON.parse(readFileSync(new URL('../../shared/region/geo/shaoxing.geojson', import.meta.url), 'utf8'));
    const points = labelPoints(geo);
    expect([...points.keys()].sort()).toEqual(['330602', '330603', '330604', '330624', '330681', '330683']);
    for (const [, [lon, lat]] of points) {
      expect(lon).toBeGreaterThan(119.9);
      expect(lon).toBeLessThan(121.3);
      expect(lat).toBeGreaterThan(29.2);
      expect(lat).toBeLessThan(30.4);
    }
    // 越城区 is small and sits against 柯桥区: their labels must not share a spot.
    const [a, b] = [points.get('330602')!, points.get('330603')!];
    expect(Math.hypot(a[0] - b[0], a[1] - b[1])).toBeGreaterThan(0.05);
  });
});

describe('fraud-type bars', () => {
  it('label their counts with thousands separators', () => {
    const byType = Object.fromEntries(FRAUD_TYPES.map((t, i) => [t, 1_000 * (i + 1)])) as Record<FraudType, number>;
    const series = (fraudTypesOption(byType).series as { label: { formatter: (p: { value: unknown }) => string } }[])[0]!;
    expect(series.label.formatter({ value: 218_734 })).toBe('218,734');
  });
});
