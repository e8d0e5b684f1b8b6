// GET /api/v1/region and /api/v1/region/map: the configured region's counties and its map,
// from the bundled GeoJSON or the operator's own approved file (FRAUDWALL_MAP_FILE).
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import type { RegionPack } from '../../shared/region';
import type { AccessControl } from '../auth/access-control';
import { readRegionMap } from '../region-map-file';

export function bundledMapPath(regionId: string): string {
  return fileURLToPath(new URL(`../../shared/region/geo/${regionId}.geojson`, import.meta.url));
}

export function regionRoute(access: AccessControl, region: RegionPack, mapFile: string | undefined): Router {
  const router = Router();
  // Read once at start (readConfig has checked an operator's file): a broken map stops the
  // server instead of blanking the wall later.
  const map = readRegionMap(mapFile ?? bundledMapPath(region.id), region);
  router.get('/api/v1/region', access.require('viewer'), (_req, res) => {
    res.json(region);
  });
  router.get('/api/v1/region/map', access.require('viewer'), (_req, res) => {
    res.json(map);
  });
  return router;
}

