// Today's mix of fraud types, largest first.
import type { WarningTotals } from '../../../shared/protocol/wall-state';
import { FRAUD_TYPE_LABELS, FRAUD_TYPES } from '../../../shared/vocabulary';
import type { WallChartOption } from '../echarts';
import { axisText, COLORS, FONT } from '../theme';

/** Rows that fit the panel at a readable size; the rest are summed into 其他. */
export const FRAUD_TYPE_ROWS = 6;

export function fraudTypeRows(warnings: WarningTotals): { label: string; count: number }[] {
  const sorted = FRAUD_TYPES.filter((t) => t !== 'other')
    .map((t) => ({ label: FRAUD_TYPE_LABELS[t], count: warnings.byType[t] }))
    .sort((a, b) => b.count - a.count);
  const shown = sorted.slice(0, FRAUD_TYPE_ROWS - 1);
  const rest = sorted.slice(FRAUD_TYPE_ROWS - 1).reduce((sum, r) => sum + r.count, warnings.byType.other);
  return [...shown, { label: FRAUD_TYPE_LABELS.other, count: rest }];
}

export function fraudTypesOption(warnings: WarningTotals): WallChartOption {
  const rows = fraudTypeRows(warnings).reverse();
  return {
    aria: { enabled: true },
    animationDurationUpdate: 600,
    grid: { left: 8, right: 64, top: 4, bottom: 4, containLabel: true },
    xAxis: { type: 'value', show: false },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.label),
      axisLabel: { ...axisText, color: COLORS.text, fontSize: FONT.label, interval: 0 },
      axisLine: { show: false },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => r.count),
        barWidth: '58%',
        itemStyle: { color: COLORS.accent, borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right', color: COLORS.text, fontSize: FONT.label, fontFamily: FONT.family },
      },
    ],
  };
}
