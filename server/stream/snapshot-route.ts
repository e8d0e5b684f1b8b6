// GET /api/v1/snapshot: the state a wall starts from.
import { Router } from 'express';
import type { AccessControl } from '../auth/access-control';
import type { Broadcaster } from './broadcaster';

export function snapshotRoute(access: AccessControl, broadcaster: Broadcaster): Router {
  const router = Router();
  router.get('/api/v1/snapshot', access.require('viewer'), (_req, res) => {
    // Send pending changes first, so a snapshot read right after an ingest shows that ingest.
    broadcaster.flush();
    res.json(broadcaster.snapshot());
  });
  return router;
}
