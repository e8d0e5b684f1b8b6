// A period's mix of fraud types, largest first.
import { FRAUD_TYPE_LABELS, FRAUD_TYPES, type FraudType } from '../../../shared/vocabulary';
import type { WallChartOption } from '../echarts';
import { formatCount } from '../../../shared/format/count';
import { axisText, COLORS, FONT } from '../theme';

/** Rows that fit the panel at a readable size; the rest are summed into 其他. */
export const FRAUD_TYPE_ROWS = 6;

export function fraudTypeRows(byType: Readonly<Record<FraudType, number>>): { label: string; count: number }[] {
  const sorted = FRAUD_TYPES.filter((t) => t !== 'other')
    .map((t) => ({ label: FRAUD_TYPE_LABELS[t], count: byType[t] }))
    .sort((a, b) => b.count - a.count);
  const shown = sorted.slice(0, FRAUD_TYPE_ROWS - 1);
  const rest = sorted.slice(FRAUD_TYPE_ROWS - 1).reduce((sum, r) => sum + r.count, byType.other);
  return [...shown, { label: FRAUD_TYPE_LABELS.other, count: rest }];
}

export function fraudTypesOption(byType: Readonly<Record<FraudType, number>>): WallChartOption {
  const rows = fraudTypeRows(byType).reverse();
  // Room right of the bars for the longest count (a province's 5,000,052 as well as a city's 85).
  const widest = Math.max(...rows.map((r) => formatCount(r.count).length));
  return {
    aria: { enabled: true },
    animationDurationUpdate: 300,
    grid: { left: 8, right: Math.ceil(widest * FONT.label * 0.62) + 12, top: 4, bottom: 4, containLabel: true },
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
        label: {
          show: true,
          position: 'right',
          color: COLORS.text,
          fontSize: FONT.label,
          fontFamily: FONT.family,
          // 218,734 reads at a glance; 218734 does not.
          formatter: ({ value }: { value: unknown }) => formatCount(Number(value)),
        },
      },
    ],
  };
}
