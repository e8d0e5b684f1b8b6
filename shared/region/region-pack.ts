/** A region the wall can be configured for: the province, or a city, down to its county-level divisions. */
export interface CountyInfo {
  /** 6-digit administrative division code (adcode). */
  readonly adcode: string;
  readonly name: string;
  /** Label position on the map, [longitude, latitude]. */
  readonly center: readonly [number, number];
  /** Resident population in 万人, where known; weights the simulator. */
  readonly populationWan?: number;
}

/** A city inside the province region. */
export interface CityInfo {
  /** Its own region's id (`shaoxing`): the bundled map that draws it. */
  readonly id: string;
  readonly adcode: string;
  readonly name: string;
  /** Label position on the province map, [longitude, latitude]. */
  readonly center: readonly [number, number];
  /** In adcode order. */
  readonly counties: readonly CountyInfo[];
}

export type ScopeLevel = 'province' | 'city' | 'county';

export interface RegionPack {
  readonly id: string;
  readonly name: string;
  readonly adcode: string;
  readonly level: Exclude<ScopeLevel, 'county'>;
  /** In adcode order: the order the snapshot lists counties in. */
  readonly counties: readonly CountyInfo[];
  /** The province's cities, in adcode order; a city region has none. */
  readonly cities?: readonly CityInfo[];
}
