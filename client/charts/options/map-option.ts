// The scope's places — a city's counties, the province's cities — shaded by today's warnings on a
// fixed scale (the same colour means the same load all day), with the numbers on its legend. The
// labels and escalation pins are drawn in the DOM over the map (MapLabels), where no label
// covers another. A county's wall zooms to its county, its neighbours around it for context.
import type { PlaceFigures } from '../../../shared/protocol/wall-state';
import type { WallChartOption } from '../echarts';
import { COLORS, FONT } from '../theme';
import { formatCount } from '../../../shared/format/count';

export interface MapView {
  readonly mapName: string;
  readonly places: readonly PlaceFigures[];
  /** Today's warnings that reach the scale's top colour. */
  readonly scaleMax: number;
  /** A county's wall: the point to centre on and how far to zoom in. */
  readonly focus?: { readonly center: readonly [number, number]; readonly zoom: number };
}

/**
 * The colour scale's top: FRAUDWALL_MAP_SCALE when set, else twice a place's share of yesterday's
 * whole day — fixed from midnight to midnight, so 10 warnings at 00:40 are not as red as 535 at
 * 21:33 — rounded up to a figure a legend can show.
 */
export function mapScaleMax(configured: number | undefined, yesterdayWarnings: number, places: number): number {
  if (configured !== undefined) return configured;
  const raw = Math.max(10, (2 * yesterdayWarnings) / Math.max(1, places));
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return Math.ceil(raw / magnitude) * magnitude;
}

export function mapOption(view: MapView): WallChartOption {
  const layout = {
    roam: false,
    layoutCenter: ['50%', '50%'],
    layoutSize: '96%',
    ...(view.focus ? { center: [...view.focus.center], zoom: view.focus.zoom } : {}),
  };
  return {
    // Shapes join the figures by adcode, so the description names the counties itself.
    aria: {
      enabled: true,
      label: { description: `今日预警分布：${view.places.map((c) => `${c.name}${formatCount(c.warnings)}起`).join('，')}。` },
    },
    // The map series draws the places; this geo, laid out identically, gives the labels, pins
    // and ripples over the map their coordinates.
    geo: { map: view.mapName, nameProperty: 'adcode', silent: true, ...layout, itemStyle: { opacity: 0 }, label: { show: false } },
    visualMap: {
      type: 'continuous',
      min: 0,
      max: view.scaleMax,
      calculable: false,
      orient: 'vertical',
      left: 8,
      bottom: 12,
      itemHeight: 140,
      text: [`${formatCount(view.scaleMax)}起+`, '0'],
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
        ...layout,
        silent: true,
        // Shapes outside the scope (a county's neighbours on its city's map) stay dark and unlabelled.
        itemStyle: { areaColor: '#0a1a33', borderColor: COLORS.accent, borderWidth: 1.5 },
        label: { show: false },
        data: view.places.map((c) => ({ name: c.adcode, value: Math.min(c.warnings, view.scaleMax) })),
      },
    ],
  };
}
