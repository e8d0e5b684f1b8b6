// GET /api/v1/audit?from=&to=&actor=&action=&limit=: the audit trail, newest first, for admin
// accounts — within their scope (the region's admin also sees failed sign-ins, which have none).
import { Router } from 'express';
import { z } from 'zod';
import type { RegionScopes } from '../../shared/region';
import { scopeOf, type AccessControl } from '../auth/access-control';
import { limitParameter, readQuery } from '../http/query';
import { sendJson } from '../http/send-json';
import type { AuditReadApi } from './audit-api';
import { AUDIT_ACTIONS } from '../../shared/protocol/audit';

const MAX_LIMIT = 1_000;

const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with its offset, like 2026-12-02T09:00:00+08:00' }).transform((text) => Date.parse(text));

const AuditQuerySchema = z.object({
  from: instant.optional(),
  to: instant.optional(),
  actor: z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters').optional(),
  action: z.enum(AUDIT_ACTIONS, { error: `must be one of ${AUDIT_ACTIONS.join(', ')}` }).optional(),
  limit: limitParameter(MAX_LIMIT, 200),
});

export function auditRoute(access: AccessControl, scopes: RegionScopes, store: AuditReadApi): Router {
  const router = Router();
  router.get('/api/v1/audit', access.require('admin'), async (req, res) => {
    const query = readQuery(AuditQuerySchema, req, res);
    if (!query) return;
    const scope = scopeOf(res);
    const json = await store.auditJson({
      fromMs: query.from ?? 0,
      toMs: query.to ?? Number.MAX_SAFE_INTEGER,
      ...(query.actor === undefined ? {} : { actor: query.actor }),
      ...(query.action === undefined ? {} : { action: query.action }),
      scopes: scope === scopes.region ? null : scopes.inside(scope),
      limit: query.limit,
    });
    sendJson(res, 200, json);
  });
  return router;
}
