// GET /api/v1/snapshot?scope=: the state a wall of that scope starts from. A read: it pushes
// nothing to the walls, it waits (a quarter second at most) for the delta that carries what was
// already committed.
import { Router } from 'express';
import { scopeOf, type AccessControl } from '../auth/access-control';
import { sendJson } from '../http/send-json';
import type { Broadcaster } from './broadcaster';

export function snapshotRoute(access: AccessControl, broadcaster: Broadcaster): Router {
  const router = Router();
  router.get('/api/v1/snapshot', access.require('viewer'), access.scoped, async (_req, res) => {
    await broadcaster.settled();
    sendJson(res, 200, broadcaster.snapshotJson(scopeOf(res)));
  });
  return router;
}
