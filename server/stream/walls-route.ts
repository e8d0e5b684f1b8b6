// GET /api/v1/walls?scope=: every wall of the scope connected now with its latest health report (operators: the
// console's 大屏状态 tab). It holds no victim data, but addresses are the room's business.
import { Router } from 'express';
import type { RegionScopes } from '../../shared/region';
import { scopeOf, type AccessControl } from '../auth/access-control';
import type { WallRegistry } from './wall-registry';

export function wallsRoute(access: AccessControl, scopes: RegionScopes, walls: WallRegistry): Router {
  const router = Router();
  router.get('/api/v1/walls', access.require('operator'), access.scoped, (_req, res) => {
    const scope = scopeOf(res);
    res.json(walls.list((wallScope) => scopes.contains(scope, wallScope)));
  });
  return router;
}
