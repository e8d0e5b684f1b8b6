// GET /api/v1/status: what a page that does not follow the stream needs to know of the wall —
// its day, settings, demo flag and history progress — read from the live state without
// touching the stream (the briefing polls this, not the whole snapshot).
import { Router } from 'express';
import type { WallStatus } from '../../shared/protocol/wall-state';
import { scopeOf, type AccessControl } from '../auth/access-control';
import type { Broadcaster } from './broadcaster';

export function statusRoute(access: AccessControl, broadcaster: Broadcaster): Router {
  const router = Router();
  router.get('/api/v1/status', access.require('viewer'), (_req, res) => {
    const { day, asOf, demo, wall, history } = broadcaster.snapshot(scopeOf(res));
    const status: WallStatus = { day, asOf, demo, wall, ...(history ? { history } : {}) };
    res.json(status);
  });
  return router;
}
