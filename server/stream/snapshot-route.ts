// GET /api/v1/snapshot: the state a wall starts from. A read: it pushes nothing to the walls,
// it waits (a quarter second at most) for the delta that carries what was already committed.
import { Router } from 'express';
import type { AccessControl } from '../auth/access-control';
import type { Broadcaster } from './broadcaster';

export function snapshotRoute(access: AccessControl, broadcaster: Broadcaster): Router {
  const router = Router();
  router.get('/api/v1/snapshot', access.require('viewer'), async (_req, res) => {
    await broadcaster.settled();
    res.json(broadcaster.snapshot());
  });
  return router;
}
