// GET /api/v1/rejected: the dead letters, newest first, for operators.
import { Router } from 'express';
import { z } from 'zod';
import type { AccessControl } from '../auth/access-control';
import { sendJson } from '../http/send-json';
import type { Store } from '../store/store';

const DEFAULT_LIMIT = 500;
// With each stored event cut at 4 KiB, an answer stays within a few megabytes.
const MAX_LIMIT = 1_000;

const QuerySchema = z.object({
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1, 'must be at least 1')
    .max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`)
    .default(DEFAULT_LIMIT),
});

export function rejectedRoute(access: AccessControl, store: Store): Router {
  const router = Router();
  router.get('/api/v1/rejected', access.require('operator'), async (req, res) => {
    const query = QuerySchema.safeParse(req.query);
    if (!query.success) {
      res.status(400).json({ error: query.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return;
    }
    sendJson(res, 200, await store.rejectedJson(query.data.limit));
  });
  return router;
}
