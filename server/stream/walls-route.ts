// GET /api/v1/walls: every wall connected now with its latest health report (operators: the
// console's 大屏状态 tab). It holds no victim data, but addresses are the room's business.
import { Router } from 'express';
import type { AccessControl } from '../auth/access-control';
import type { WallRegistry } from './wall-registry';

export function wallsRoute(access: AccessControl, walls: WallRegistry, now: () => number): Router {
  const router = Router();
  router.get('/api/v1/walls', access.require('operator'), (_req, res) => {
    res.json(walls.list(now()));
  });
  return router;
}
