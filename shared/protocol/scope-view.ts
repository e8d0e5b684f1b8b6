// GET /api/v1/region?scope=: what a page needs to know of its scope to draw it — its places and
// which map it sits on (the figures come with the snapshot).
import type { CountyInfo, ScopeLevel } from '../region';

export interface ScopeView {
  /** The region's id (`shaoxing`, `zhejiang`). */
  id: string;
  regionName: string;
  adcode: string;
  name: string;
  level: ScopeLevel;
  /** The map the scope is drawn on (GET /api/v1/region/map?scope= serves it). */
  mapId: string;
  /** The counties inside the scope, in adcode order. */
  counties: readonly CountyInfo[];
  /** Province scope only: its cities, where their labels go. */
  cities?: readonly Pick<CountyInfo, 'adcode' | 'name' | 'center'>[];
}
