// GET /api/v1/walls?scope=: every wall of the scope connected now with its latest health report,
// its device's name and the scene it is in (the console's 大屏控制 tab). It holds no victim data,
// but addresses are the room's business.
import { Router } from 'express';
import type { RegionScopes } from '../../shared/region';
import { scopeOf, type AccessControl } from '../auth/access-control';
import type { WallRegistry } from './wall-registry';
import type { WallDirections } from '../walls/wall-directions';

export function wallsRoute(access: AccessControl, scopes: RegionScopes, walls: WallRegistry, directions: WallDirections): Router {
  const router = Router();
  // Operators, leaders and admins: whoever may direct the walls sees them (the console's 大屏控制).
  router.get('/api/v1/walls', access.require('walls'), access.scoped, (_req, res) => {
    const scope = scopeOf(res);
    res.json(
      walls.list(
        (wallScope) => scopes.contains(scope, wallScope),
        (wall) => {
          const { scene, playlist, device } = directions.directionOf(wall);
          return { ...(device ? { device } : {}), ...(scene ? { scene } : {}), ...(playlist ? { playlist: true } : {}) };
        },
      ),
    );
  });
  return router;
}
