// GET /api/v1/rejected?scope=: the dead letters, newest first, for operators (a scope's: those
// whose county lies inside it); each reader's view is audited like the console's list.
import { Router } from 'express';
import { z } from 'zod';
import type { AccessControl } from '../auth/access-control';
import { limitParameter, readQuery } from '../http/query';
import { sendJson } from '../http/send-json';
import type { AuditApi } from '../audit/audit-api';
import { VictimViews } from '../audit/victim-views';
import type { RejectedApi } from './ingest-api';

const DEFAULT_LIMIT = 500;
// With each stored event cut at 4 KiB, an answer stays within a few megabytes.
const MAX_LIMIT = 1_000;

const QuerySchema = z.object({ limit: limitParameter(MAX_LIMIT, DEFAULT_LIMIT) });

export function rejectedRoute(access: AccessControl, store: RejectedApi & AuditApi, now: () => number): Router {
  const router = Router();
  const views = new VictimViews(store, now);
  router.get('/api/v1/rejected', access.require('operator'), access.scoped, async (req, res) => {
    const query = readQuery(QuerySchema, req, res);
    if (!query) return;
    const letters = await store.rejectedJson(query.limit, access.within(res));
    // Rejected events are kept as they were received, victims unmasked: who saw them is recorded.
    await views.record(req, res, 'rejected');
    sendJson(res, 200, letters);
  });
  return router;
}
