// GET /api/v1/region?scope= and /api/v1/region/map?scope=: a scope's places and the map it is
// drawn on — the province by city, a city by county, a county on its city's map — from the
// bundled GeoJSON, or for the region itself the operator's own approved file (FRAUDWALL_MAP_FILE).
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import { regionPack, type RegionId, type RegionScopes } from '../../shared/region';
import type { RegionMap } from '../../shared/region/region-map';
import type { ScopeView } from '../../shared/protocol/scope-view';
import { scopeOf, type AccessControl } from '../auth/access-control';
import { readRegionMap } from './region-map-file';

export function bundledMapPath(regionId: string): string {
  return fileURLToPath(new URL(`../../shared/region/geo/${regionId}.geojson`, import.meta.url));
}

export function regionRoute(access: AccessControl, scopes: RegionScopes, mapFile: string | undefined): Router {
  const router = Router();
  // Read once at start (readConfig has checked an operator's file): a broken map stops the
  // server instead of blanking the wall later. The province reads its own and its 11 cities'.
  const region = scopes.pack;
  const maps = new Map<string, RegionMap>([[region.id, readRegionMap(mapFile ?? bundledMapPath(region.id), region)]]);
  for (const city of region.cities ?? []) maps.set(city.id, readRegionMap(bundledMapPath(city.id), regionPack(city.id as RegionId)));

  router.get('/api/v1/region', access.require('viewer'), access.scoped, (_req, res) => {
    const scope = scopeOf(res);
    const view: ScopeView = {
      id: region.id,
      regionName: region.name,
      adcode: scope.adcode,
      name: scope.name,
      level: scope.level,
      mapId: scope.mapId,
      counties: scope.counties,
      ...(scope.cities ? { cities: scope.cities.map(({ adcode, name, center }) => ({ adcode, name, center })) } : {}),
    };
    res.json(view);
  });
  router.get('/api/v1/region/map', access.require('viewer'), access.scoped, (_req, res) => {
    res.json(maps.get(scopeOf(res).mapId));
  });
  return router;
}
