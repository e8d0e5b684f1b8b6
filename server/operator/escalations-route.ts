// GET /api/v1/escalations?scope= and GET /api/v1/stations: the console's view, for operators only,
// read on the store's reading thread and bounded however many escalations are open.
import { Router } from 'express';
import { z } from 'zod';
import type { AccessControl } from '../auth/access-control';
import { limitParameter, readQuery } from '../http/query';
import { sendJson } from '../http/send-json';
import { VictimViews } from '../audit/victim-views';
import type { AuditApi } from '../audit/audit-api';
import type { OperatorReadApi } from './operator-api';

const STATION_SUGGESTIONS = 20;
export const MAX_LISTED_ESCALATIONS = 200;

const EscalationsQuery = z.object({ limit: limitParameter(MAX_LISTED_ESCALATIONS, MAX_LISTED_ESCALATIONS) });
const StationsQuery = z.object({ county: z.string().regex(/^\d{6}$/, 'must be a 6-digit adcode') });

export function escalationsRoute(access: AccessControl, store: OperatorReadApi & AuditApi, now: () => number): Router {
  const router = Router();
  const views = new VictimViews(store, now);

  router.get('/api/v1/escalations', access.require('operator'), access.scoped, async (req, res) => {
    const query = readQuery(EscalationsQuery, req, res);
    if (!query) return;
    const list = await store.operatorEscalationsJson(query.limit, access.within(res));
    // The list shows victims unmasked: who saw it is recorded before it leaves.
    await views.record(req, res, 'escalations');
    sendJson(res, 200, list);
  });

  router.get('/api/v1/stations', access.require('operator'), async (req, res) => {
    const query = readQuery(StationsQuery, req, res);
    if (!query) return;
    const within = access.within(res);
    if (within && !within.includes(query.county)) {
      res.status(403).json({ error: `county: ${query.county} is outside this token's scope` });
      return;
    }
    res.json(await store.stations(query.county, STATION_SUGGESTIONS));
  });
  return router;
}
