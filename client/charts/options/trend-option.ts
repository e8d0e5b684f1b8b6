// This year's months against last year's: warnings as bars, cases filed as lines.
import type { StatsBucket } from '../../../shared/protocol/stats';
import type { WallChartOption } from '../echarts';
import { COLORS, FONT } from '../theme';

/** Text colours: light on the dark screen, dark on paper. */
export interface Ink {
  readonly text: string;
  readonly muted: string;
  readonly fontSize: number;
}
export const SCREEN_INK: Ink = { text: COLORS.text, muted: COLORS.muted, fontSize: FONT.axis };
export const PAPER_INK: Ink = { text: '#111111', muted: '#444444', fontSize: 10 };

export function trendOption(thisYear: readonly StatsBucket[], lastYear: readonly StatsBucket[], ink: Ink = SCREEN_INK): WallChartOption {
  const months = thisYear.map((b) => `${Number(b.key.slice(5, 7))}月`);
  const axisText = { color: ink.muted, fontSize: ink.fontSize, fontFamily: FONT.family };
  return {
    aria: { enabled: true },
    grid: { left: 64, right: 56, top: 48, bottom: 32 },
    legend: { top: 0, textStyle: { color: ink.text, fontSize: ink.fontSize + 2, fontFamily: FONT.family } },
    xAxis: { type: 'category', data: months, axisLabel: axisText, axisLine: { lineStyle: { color: COLORS.border } } },
    yAxis: [
      { type: 'value', name: '预警', nameTextStyle: axisText, axisLabel: axisText, splitLine: { lineStyle: { color: COLORS.border, opacity: 0.4 } } },
      { type: 'value', name: '立案', nameTextStyle: axisText, axisLabel: axisText, splitLine: { show: false }, alignTicks: true },
    ],
    series: [
      { type: 'bar', name: '今年预警', data: thisYear.map((b) => b.totals.warnings), itemStyle: { color: COLORS.accent } },
      { type: 'bar', name: '去年预警', data: lastYear.map((b) => b.totals.warnings), itemStyle: { color: COLORS.yesterday } },
      { type: 'line', name: '今年立案', yAxisIndex: 1, data: thisYear.map((b) => b.totals.casesFiled), itemStyle: { color: COLORS.good }, lineStyle: { width: 3 } },
      { type: 'line', name: '去年立案', yAxisIndex: 1, data: lastYear.map((b) => b.totals.casesFiled), itemStyle: { color: COLORS.high }, lineStyle: { width: 2, type: 'dashed' } },
    ],
  };
}
