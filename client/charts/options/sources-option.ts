// Where today's warnings come from: the provincial platform against the city's own.
import type { WarningTotals } from '../../../shared/protocol/wall-state';
import { WARNING_SOURCE_LABELS } from '../../../shared/vocabulary';
import { formatCount } from '../../../shared/format/count';
import type { WallChartOption } from '../echarts';
import { COLORS, FONT } from '../theme';

export function sourcesOption(warnings: WarningTotals): WallChartOption {
  return {
    aria: { enabled: true },
    series: [
      {
        type: 'pie',
        radius: ['52%', '80%'],
        center: ['50%', '54%'],
        avoidLabelOverlap: true,
        label: {
          color: COLORS.text,
          fontSize: FONT.label,
          fontFamily: FONT.family,
          formatter: ({ name, value, percent }: { name: string; value: unknown; percent?: number }) =>
            `${name}\n${formatCount(Number(value))} (${(percent ?? 0).toFixed(1)}%)`,
        },
        labelLine: { length: 8, length2: 8 },
        data: [
          { name: WARNING_SOURCE_LABELS.province, value: warnings.bySource.province, color: COLORS.accent },
          { name: WARNING_SOURCE_LABELS.city, value: warnings.bySource.city, color: '#7b61ff' },
        ].map(({ name, value, color }) => ({
          name,
          value,
          itemStyle: { color },
          // An empty slice has no place on the ring; its label would float over the title.
          label: { show: value > 0 },
          labelLine: { show: value > 0 },
        })),
      },
    ],
  };
}
