// POST /api/v1/exports {kind, from, to}: a page says it exported the figures — the briefing as a
// PNG, or the printable report — so the audit trail knows who took which figures away. Exports
// happen in the browser; this is only their record: one a minute per viewer and address, whatever
// the export and its range (issue 22: a new range each time must not add a record each time —
// without a viewer token anyone may ask).
import express, { Router } from 'express';
import { z } from 'zod';
import { describeIssues } from '../../shared/schema/validate';
import type { AccessControl } from '../auth/access-control';
import { refuseDeclaredOversize } from '../http/body-limits';
import type { AuditApi } from './audit-api';
import { RecentViews } from './recent-views';
import { requestActor } from './request-actor';

const EXPORT_BODY_BYTES = 1024;
const day = z.iso.date({ error: 'must be a date like 2026-12-03' });
const ExportBody = z.strictObject({
  kind: z.enum(['briefing-png', 'report'], { error: 'must be briefing-png or report' }),
  from: day,
  to: day,
});

export function exportsRoute(access: AccessControl, store: AuditApi, now: () => number): Router {
  const router = Router();
  const recent = new RecentViews();
  router.post(
    '/api/v1/exports',
    access.require('viewer'),
    access.scoped,
    refuseDeclaredOversize(EXPORT_BODY_BYTES),
    express.json({ limit: EXPORT_BODY_BYTES, strict: false, type: () => true }),
    async (req, res) => {
      const body = ExportBody.safeParse(req.body);
      if (!body.success) {
        res.status(400).json({ error: describeIssues(body.error.issues).join('; ') });
        return;
      }
      const actor = requestActor(req, res, 'viewer');
      const object = `${body.data.kind} ${body.data.from}..${body.data.to}`;
      if (recent.due(`${actor.actor}\u0000${actor.scope}\u0000${actor.address}`, now())) {
        await store.audit({ atMs: now(), ...actor, action: 'export', object, result: 'ok' });
      }
      res.status(204).end();
    },
  );
  return router;
}
