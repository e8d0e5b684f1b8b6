// GET /api/v1/rejected?scope=: the dead letters, newest first, for operators (a scope's: those whose county lies inside it).
import { Router } from 'express';
import { z } from 'zod';
import type { AccessControl } from '../auth/access-control';
import { limitParameter, readQuery } from '../http/query';
import { sendJson } from '../http/send-json';
import type { RejectedApi } from './ingest-api';

const DEFAULT_LIMIT = 500;
// With each stored event cut at 4 KiB, an answer stays within a few megabytes.
const MAX_LIMIT = 1_000;

const QuerySchema = z.object({ limit: limitParameter(MAX_LIMIT, DEFAULT_LIMIT) });

export function rejectedRoute(access: AccessControl, store: RejectedApi): Router {
  const router = Router();
  router.get('/api/v1/rejected', access.require('operator'), access.scoped, async (req, res) => {
    const query = readQuery(QuerySchema, req, res);
    if (query) sendJson(res, 200, await store.rejectedJson(query.limit, access.within(res)));
  });
  return router;
}
