// The wall's map: registers the region's GeoJSON with ECharts and remembers where each
// county's label goes.
import { registerMap, type GeoJsonMap } from './echarts';
import { labelPoints } from './label-points';

export class RegionShapes {
  /** Label position of each county (by adcode), computed once from the map. */
  labelPoints = $state.raw<ReadonlyMap<string, [number, number]>>(new Map());

  readonly register = (regionId: string, geoJson: unknown): void => {
    registerMap(regionId, geoJson as GeoJsonMap);
    this.labelPoints = labelPoints(geoJson as Parameters<typeof labelPoints>[0]);
  };
}
