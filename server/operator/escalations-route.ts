// GET /api/v1/escalations and GET /api/v1/stations: the console's view, for operators only,
// read on the store's reading thread and bounded however many escalations are open.
import { Router } from 'express';
import { z } from 'zod';
import type { AccessControl } from '../auth/access-control';
import { sendJson } from '../http/send-json';
import type { Store } from '../store/store';

const STATION_SUGGESTIONS = 20;
export const MAX_LISTED_ESCALATIONS = 200;

const EscalationsQuery = z.object({
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1, 'must be at least 1')
    .max(MAX_LISTED_ESCALATIONS, `must be at most ${MAX_LISTED_ESCALATIONS}`)
    .default(MAX_LISTED_ESCALATIONS),
});
const StationsQuery = z.object({ county: z.string().regex(/^\d{6}$/, 'must be a 6-digit adcode') });

export function escalationsRoute(access: AccessControl, store: Store): Router {
  const router = Router();

  router.get('/api/v1/escalations', access.require('operator'), async (req, res) => {
    const query = EscalationsQuery.safeParse(req.query);
    if (!query.success) {
      res.status(400).json({ error: query.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return;
    }
    sendJson(res, 200, await store.operatorEscalationsJson(query.data.limit));
  });

  router.get('/api/v1/stations', access.require('operator'), async (req, res) => {
    const query = StationsQuery.safeParse(req.query);
    if (!query.success) {
      res.status(400).json({ error: query.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return;
    }
    res.json(await store.stations(query.data.county, STATION_SUGGESTIONS));
  });
  return router;
}
