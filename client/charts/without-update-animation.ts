// A chart that changes every second should move straight to its new figures: an update animation
// that never ends redraws and re-uploads its canvas every frame (at a province's peak, the ring and
// the map did so without pause, half of a 4K wall's main thread). Series carry defaults of their
// own (a pie animates its updates for itself), so each series is told, not only the chart.
import type { WallChartOption } from './echarts';

export function withoutUpdateAnimation(option: WallChartOption): WallChartOption {
  const series = option.series === undefined ? undefined : [option.series].flat().map((s) => ({ ...s, animationDurationUpdate: 0 }));
  return { ...option, animationDurationUpdate: 0, ...(series ? { series } : {}) } as WallChartOption;
}
