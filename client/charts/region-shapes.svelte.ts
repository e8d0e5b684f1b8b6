// The wall's map: registers the region's GeoJSON with ECharts and remembers where each
// county's label goes and how far each county reaches (a county's wall zooms to its own).
import { registerMap, type GeoJsonMap } from './echarts';
import { labelPoints } from './label-points';
import { shapeBounds, type Bounds } from './shape-bounds';

export class RegionShapes {
  /** Label position of each county (by adcode), computed once from the map. */
  labelPoints = $state.raw<ReadonlyMap<string, [number, number]>>(new Map());
  /** Each county's extent, and the whole map's under ''. */
  bounds = $state.raw<ReadonlyMap<string, Bounds>>(new Map());

  readonly register = (regionId: string, geoJson: unknown): void => {
    registerMap(regionId, geoJson as GeoJsonMap);
    this.labelPoints = labelPoints(geoJson as Parameters<typeof labelPoints>[0]);
    this.bounds = shapeBounds(geoJson as Parameters<typeof shapeBounds>[0]);
  };
}
