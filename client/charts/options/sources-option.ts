// Where today's warnings come from: the provincial platform against the city's own. The ring
// shows the shares; the figures stand in a fixed list under it, both sources always, so that a
// source with all or none of the warnings never moves its text off the panel's edge (a slice's
// own label sits at its middle, which for a whole ring is below it).
import type { WarningTotals } from '../../../shared/protocol/wall-state';
import { WARNING_SOURCE_LABELS } from '../../../shared/vocabulary';
import { formatCount } from '../../../shared/format/count';
import type { WallChartOption } from '../echarts';
import { COLORS, FONT } from '../theme';

const SOURCE_COLORS = { province: COLORS.accent, city: '#7b61ff' } as const;

export function sourcesOption(warnings: WarningTotals): WallChartOption {
  const sources = (['province', 'city'] as const).map((source) => ({
    name: WARNING_SOURCE_LABELS[source],
    value: warnings.bySource[source],
    color: SOURCE_COLORS[source],
  }));
  // The ring shows the shares; the list gives the counts, short enough for a narrow panel.
  const line = new Map(sources.map((s) => [s.name, `${s.name}  ${formatCount(s.value)}`]));
  return {
    aria: { enabled: true },
    legend: {
      orient: 'vertical',
      left: 'center',
      bottom: 0,
      itemGap: 8,
      itemWidth: 18,
      itemHeight: 18,
      selectedMode: false,
      textStyle: { color: COLORS.text, fontSize: FONT.label, fontFamily: FONT.family },
      formatter: (name: string) => line.get(name) ?? name,
    },
    series: [
      {
        type: 'pie',
        radius: ['34%', '56%'],
        center: ['50%', '34%'],
        label: { show: false },
        labelLine: { show: false },
        data: sources.map(({ name, value, color }) => ({ name, value, itemStyle: { color } })),
      },
    ],
  };
}
