// POST /api/v1/escalations/:warningId/steps — an operator records a step of an escalation the
// room can see. It becomes an ordinary `escalation` event through the same ingest pipeline;
// unlike upstream ingest, a step that would change nothing is refused (contract.md). The
// checks run on the store's writing thread, next to the write (step-request.ts). A step made
// by a signed-in account records that account as `by`.
import express, { Router } from 'express';
import { accountOf, type AccessControl } from '../auth/access-control';
import { refuseDeclaredOversize } from '../http/body-limits';
import { sendJson } from '../http/send-json';
import type { IngestPipeline } from '../ingest/ingest-pipeline';
import { requestActor } from '../audit/request-actor';
import type { AuditApi } from '../audit/audit-api';
import { OPERATOR_BODY_BYTES, parseStepBody } from './step-request';

export function escalationStepsRoute(access: AccessControl, pipeline: IngestPipeline, store: AuditApi, now: () => number): Router {
  const router = Router();
  router.post(
    '/api/v1/escalations/:warningId/steps',
    access.require('operator'),
    refuseDeclaredOversize(OPERATOR_BODY_BYTES),
    express.json({ limit: OPERATOR_BODY_BYTES, strict: false, type: () => true }),
    async (req, res) => {
      // A signed-in operator is who did it: the body may not name anyone else.
      const account = accountOf(res);
      const body: unknown = req.body;
      const fields = typeof body === 'object' && body !== null ? body : undefined;
      if (account && fields && 'by' in fields) {
        res.status(400).json({ error: 'by: is the signed-in account, not set by the request' });
        return;
      }
      const step = parseStepBody(account && fields ? { ...fields, by: account.username } : body);
      const warningId = String(req.params['warningId']);
      // A body that is not the documented fields is refused here, before it reaches the writer.
      const answer = step.ok
        ? await pipeline.recordStep(warningId, step.command, access.within(res), account?.username)
        : { status: step.status, bodyJson: JSON.stringify({ error: step.error }) };
      await store.audit({ atMs: now(), ...requestActor(req, res, 'operator'), action: 'step', object: warningId, result: String(answer.status) });
      sendJson(res, answer.status, answer.bodyJson);
    },
  );
  return router;
}
