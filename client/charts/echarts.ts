// ECharts, tree-shaken: only the charts and components the wall draws are registered.
import { BarChart, LineChart, MapChart, PieChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GeoComponent, GridComponent, LegendComponent, VisualMapComponent } from 'echarts/components';
import { init, registerMap, use, type ComposeOption } from 'echarts/core';
import type {
  BarSeriesOption,
  LineSeriesOption,
  MapSeriesOption,
  PieSeriesOption,
  ScatterSeriesOption,
} from 'echarts/charts';
import type {
  AriaComponentOption,
  GeoComponentOption,
  GridComponentOption,
  LegendComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  MapChart,
  PieChart,
  ScatterChart,
  AriaComponent,
  GeoComponent,
  GridComponent,
  LegendComponent,
  VisualMapComponent,
  // Without it ECharts ignores every series' labelLayout (the map hides labels that would overlap).
  LabelLayout,
  CanvasRenderer,
  // The printed report draws vector charts, sharp at any print resolution.
  SVGRenderer,
]);

export type WallChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | MapSeriesOption
  | PieSeriesOption
  | ScatterSeriesOption
  | AriaComponentOption
  | GeoComponentOption
  | GridComponentOption
  | LegendComponentOption
  | VisualMapComponentOption
>;

export type GeoJsonMap = Parameters<typeof registerMap>[1];

export { init, registerMap };
