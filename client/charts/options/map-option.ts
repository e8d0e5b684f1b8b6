// The scope's places — a city's counties, the province's cities — shaded by today's warnings,
// labelled with name and count, a red pin on every place with open escalations (the ripples of
// fresh alarms are drawn over it: MapRipples). A county's wall draws its city, only itself shaded.
import type { PlaceFigures } from '../../../shared/protocol/wall-state';
import type { WallChartOption } from '../echarts';
import { COLORS, FONT } from '../theme';
import { formatCount } from '../../../shared/format/count';

export interface MapView {
  readonly mapName: string;
  readonly places: readonly PlaceFigures[];
  /** Where each place's label goes, by adcode. */
  readonly labelPoints: ReadonlyMap<string, readonly [number, number]>;
}

const LAYOUT = { roam: false, layoutCenter: ['50%', '50%'], layoutSize: '96%' };

export function mapOption(view: MapView): WallChartOption {
  const max = Math.max(10, ...view.places.map((c) => c.warnings));
  const at = (adcode: string) => [...(view.labelPoints.get(adcode) ?? [0, 0])];
  const rankFromBottom = new Map(
    [...view.places].sort((a, b) => a.warnings - b.warnings || b.adcode.localeCompare(a.adcode)).map((c, i) => [c.adcode, i + 1]),
  );
  return {
    // Shapes join the figures by adcode, so the description names the counties itself.
    aria: {
      enabled: true,
      label: { description: `今日预警分布：${view.places.map((c) => `${c.name}${formatCount(c.warnings)}起`).join('，')}。` },
    },
    // The map series draws and labels the counties; this geo, laid out identically, only
    // gives the pins (and the ripples over the map) their coordinates.
    geo: { map: view.mapName, nameProperty: 'adcode', silent: true, ...LAYOUT, itemStyle: { opacity: 0 }, label: { show: false } },
    visualMap: {
      type: 'continuous',
      min: 0,
      max,
      calculable: false,
      orient: 'vertical',
      left: 8,
      bottom: 12,
      itemHeight: 140,
      text: ['多', '少'],
      textStyle: { color: COLORS.text, fontSize: FONT.axis, fontFamily: FONT.family },
      inRange: { color: ['#0d3a66', '#1f6fb2', '#f0b429', '#ff5a36'] },
      seriesIndex: 0,
    },
    series: [
      {
        type: 'map',
        map: view.mapName,
        // Joined by adcode, never by name: an approved map may spell a county differently.
        nameProperty: 'adcode',
        name: '今日预警',
        ...LAYOUT,
        silent: true,
        // Shapes outside the scope (a county's neighbours on its city's map) stay dark and unlabelled.
        itemStyle: { areaColor: '#0a1a33', borderColor: COLORS.accent, borderWidth: 1.5 },
        label: { show: false },
        data: view.places.map((c) => ({ name: c.adcode, value: c.warnings })),
      },
      {
        type: 'scatter',
        name: '区县预警数',
        coordinateSystem: 'geo',
        // The point is never seen: its size only ranks the labels (see labelLayout).
        itemStyle: { color: 'transparent' },
        silent: true,
        label: {
          show: true,
          formatter: ({ name, value }: { name: string; value: unknown }) => `${name}\n${formatCount(Number((value as unknown[])[2]))}`,
          color: '#ffffff',
          fontSize: 22,
          fontWeight: 'bold',
          fontFamily: FONT.family,
          lineHeight: 28,
          textBorderColor: '#02101f',
          textBorderWidth: 4,
        },
        // Small urban districts sit side by side (Hangzhou's 上城, 拱墅, 西湖, 滨江): where labels
        // would overlap, the busier place keeps its label and the other shows none, rather than
        // both garbled (its figures stay in the ranking, its pin on the map). ECharts keeps the
        // label whose point is larger, so each point's size is its place's rank from the bottom.
        labelLayout: { hideOverlap: true },
        data: view.places.map((c) => ({ name: c.name, value: [...at(c.adcode), c.warnings], symbolSize: rankFromBottom.get(c.adcode) ?? 1 })),
      },
      {
        type: 'scatter',
        name: '处置中高危',
        coordinateSystem: 'geo',
        symbol: 'pin',
        symbolSize: 54,
        symbolOffset: [52, -30],
        itemStyle: { color: COLORS.red, borderColor: '#fff', borderWidth: 1 },
        label: { show: true, formatter: ({ value }: { value: unknown }) => formatCount(Number((value as unknown[])[2])), color: '#fff', fontSize: 18, fontWeight: 'bold', offset: [0, -4] },
        silent: true,
        data: view.places
          .filter((c) => c.activeEscalations > 0)
          .map((c) => ({ name: c.name, value: [...at(c.adcode), c.activeEscalations] })),
      },
    ],
  };
}
