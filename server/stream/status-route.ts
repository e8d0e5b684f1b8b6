// GET /api/v1/status: what a page that does not follow the stream needs to know of the wall —
// its day, settings, demo flag and history progress — read from the live state without
// touching the stream (the briefing polls this, not the whole snapshot), and the day's surges
// inside the scope as the store keeps them (issue 26).
import { Router } from 'express';
import type { SurgeOfDay, WallStatus } from '../../shared/protocol/wall-state';
import type { RegionScopes } from '../../shared/region';
import type { SurgesApi } from '../surges/surges-api';
import { scopeOf, type AccessControl } from '../auth/access-control';
import type { Broadcaster } from './broadcaster';

export function statusRoute(access: AccessControl, broadcaster: Broadcaster, store: Pick<SurgesApi, 'surgesOfDay'>, scopes: RegionScopes, iso: (ms: number) => string): Router {
  const router = Router();
  router.get('/api/v1/status', access.require('viewer'), access.scoped, async (_req, res) => {
    const scope = scopeOf(res);
    const { day, asOf, demo, wall, history } = broadcaster.snapshot(scope);
    const surgesToday = (await store.surgesOfDay(day)).flatMap((surge): SurgeOfDay[] => {
      const place = scopes.get(surge.scope);
      if (!place || !scopes.contains(scope, place)) return [];
      return [{ scope: surge.scope, scopeName: place.name, fraudType: surge.fraudType, since: iso(surge.sinceMs), peak: surge.peak, baseline: surge.baseline, until: iso(surge.lastMs) }];
    });
    const status: WallStatus = { day, asOf, demo, wall, ...(history ? { history } : {}), surgesToday };
    res.json(status);
  });
  return router;
}
