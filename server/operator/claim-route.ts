// POST and DELETE /api/v1/escalations/:warningId/claim (issue 25): a signed-in operator says
// "I am on it", or lets it go. Decided and stored under the write lock (ingest-api.ts), so a race
// between two operators on any nodes gives one 201 and one 409 naming the holder. Only a person
// can hold an escalation: a shared operator token names nobody, so it cannot claim.
import { Router, type Request, type Response } from 'express';
import { accountOf, type AccessControl } from '../auth/access-control';
import type { AuditApi } from '../audit/audit-api';
import { requestActor } from '../audit/request-actor';
import type { IngestPipeline } from '../ingest/ingest-pipeline';
import type { ClaimAction } from '../ingest/ingest-api';
import type { AccountNames } from '../accounts/account-names';

export function claimRoute(access: AccessControl, pipeline: IngestPipeline, store: AuditApi, names: AccountNames, now: () => number): Router {
  const router = Router();
  const holderOf = (username: string) => ({ username, name: names.nameOf(username) });

  const handle = (action: ClaimAction) => async (req: Request, res: Response) => {
    const warningId = String(req.params['warningId']);
    const account = accountOf(res);
    if (!account) {
      res.status(403).json({ error: 'a claim is made by a signed-in operator: a shared token names nobody to hold it' });
      return;
    }
    const answer = await pipeline.recordClaim(warningId, action, account.username, access.within(res));
    if (answer.holder) await names.know(answer.holder);
    await store.audit({ atMs: now(), ...requestActor(req, res, 'operator'), action, object: warningId, result: String(answer.status) });
    if ('error' in answer) {
      const holder = answer.holder === undefined ? undefined : holderOf(answer.holder);
      // The room knows its people by name: the refusal says who is on it.
      const error = holder ? answer.error.replace(`held by ${holder.username}`, `held by ${holder.name} (${holder.username})`) : answer.error;
      res.status(answer.status).json({ error, ...(holder ? { holder } : {}) });
      return;
    }
    res.status(answer.status).json({ warningId, holder: answer.holder === null ? null : holderOf(answer.holder) });
  };

  router.post('/api/v1/escalations/:warningId/claim', access.require('operator'), handle('claim'));
  router.delete('/api/v1/escalations/:warningId/claim', access.require('operator'), handle('release'));
  return router;
}
