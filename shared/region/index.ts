import { REGION_PACKS, type RegionId } from './packs';
import type { RegionPack } from './region-pack';

export type { CityInfo, CountyInfo, RegionPack, ScopeLevel } from './region-pack';
export { cityAdcodeOf, RegionScopes, scopeInfo, type Scope, type ScopeInfo } from './scopes';
export { REGION_PACKS, type RegionId } from './packs';

export const DEFAULT_REGION: RegionId = 'shaoxing';

export function isRegionId(id: string): id is RegionId {
  return Object.prototype.hasOwnProperty.call(REGION_PACKS, id);
}

export function regionPack(id: RegionId): RegionPack {
  return REGION_PACKS[id];
}

/** The wall's title when FRAUDWALL_CENTER_NAME is unset: the region's anti-fraud center (a city's police bureau's, the province's department's). */
export function defaultCenterName(region: RegionPack): string {
  return `${region.name}${region.level === 'province' ? '公安厅' : '公安局'}反诈中心`;
}
