/** A region the wall can be configured for: a city and its county-level divisions. */
export interface CountyInfo {
  /** 6-digit administrative division code (adcode). */
  readonly adcode: string;
  readonly name: string;
  /** Label position on the map, [longitude, latitude]. */
  readonly center: readonly [number, number];
  /** Resident population in 万人, where known; weights the simulator. */
  readonly populationWan?: number;
}

export interface RegionPack {
  readonly id: string;
  readonly name: string;
  readonly adcode: string;
  /** In adcode order: the order the snapshot lists counties in. */
  readonly counties: readonly CountyInfo[];
}
