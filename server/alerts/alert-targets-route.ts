// Alert targets for admins (the /admin page), each admin within its own scope:
//   GET    /api/v1/alert-targets            the targets inside the admin's scope, with how their deliveries stand
//   POST   /api/v1/alert-targets            {name, kind, url, secret?, scope, rules} → 201
//   PATCH  /api/v1/alert-targets/:name      any of kind, url, secret (null removes it), scope, rules
//   DELETE /api/v1/alert-targets/:name      the target and what still waited for it
// A secret (and a robot URL's key) goes in and never comes out: answers mask it, and neither the
// audit record nor any log holds it. Targets from FRAUDWALL_ALERT_TARGETS_FILE are listed but
// changed only in the file.
import express, { Router, type Request, type Response } from 'express';
import type { AlertTarget, AlertTargetView } from '../../shared/protocol/alert-target';
import type { RegionScopes, Scope } from '../../shared/region';
import { describeIssues } from '../../shared/schema/validate';
import { scopeOf, type AccessControl } from '../auth/access-control';
import type { AuditApi } from '../audit/audit-api';
import { requestActor } from '../audit/request-actor';
import { refuseDeclaredOversize } from '../http/body-limits';
import type { AlertDirectory, KnownTarget } from './alert-directory';
import { alertTargetChangeSchema, ALERT_TARGET_BODY_BYTES, changedTarget, MAX_ALERT_TARGETS, newAlertTargetSchema } from './alert-target-request';
import { targetHealth, targetView } from './alert-target-view';
import type { AlertsApi } from './alerts-api';

export interface AlertTargetsRouteDeps {
  readonly access: AccessControl;
  readonly scopes: RegionScopes;
  readonly store: AlertsApi & AuditApi;
  readonly directory: AlertDirectory;
  readonly iso: (ms: number) => string;
  readonly now: () => number;
}

export function alertTargetsRoute({ access, scopes, store, directory, iso, now }: AlertTargetsRouteDeps): Router {
  const router = Router();
  const body = [refuseDeclaredOversize(ALERT_TARGET_BODY_BYTES), express.json({ limit: ALERT_TARGET_BODY_BYTES, strict: false, type: () => true })];
  const inside = (admin: Scope, adcode: string) => {
    const scope = scopes.get(adcode);
    return scope !== undefined && scopes.contains(admin, scope);
  };

  const views = async (res: Response): Promise<AlertTargetView[]> => {
    const outbox = new Map((await store.alertOutbox()).map((o) => [o.target, o]));
    return (await directory.all())
      .filter(({ target }) => inside(scopeOf(res), target.scope))
      .map(({ target, source }) => targetView(target, source, scopes.get(target.scope)?.name ?? target.scope, targetHealth(outbox.get(target.name), iso)));
  };

  const answer = async (req: Request, res: Response, name: string, status: number, json: unknown) => {
    // The name only: never the URL or the secret.
    await store.audit({ atMs: now(), ...requestActor(req, res, 'admin'), action: 'alert-target', object: name, result: status < 300 ? 'ok' : String(status) });
    res.status(status).json(json);
  };

  const viewOf = async (res: Response, name: string) => (await views(res)).find((v) => v.name === name);

  /** The admin-saved target `:name` inside the admin's scope, or the refusal already answered. */
  const editable = async (req: Request, res: Response): Promise<KnownTarget | undefined> => {
    const name = String(req.params['name']);
    const known = (await directory.all()).find(({ target }) => target.name === name && inside(scopeOf(res), target.scope));
    if (!known) await answer(req, res, name, 404, { error: `name: there is no alert target ${name} in your scope` });
    else if (known.source === 'file') await answer(req, res, name, 409, { error: `name: ${name} is defined in FRAUDWALL_ALERT_TARGETS_FILE; change it there` });
    else return known;
    return undefined;
  };

  router.get('/api/v1/alert-targets', access.require('admin'), async (_req, res) => {
    res.json(await views(res));
  });

  router.post('/api/v1/alert-targets', access.require('admin'), ...body, async (req, res) => {
    const parsed = newAlertTargetSchema(scopes).safeParse(req.body);
    const name = typeof (req.body as { name?: unknown } | undefined)?.name === 'string' ? (req.body as { name: string }).name.slice(0, 40) : '';
    if (!parsed.success) return answer(req, res, name, 400, { error: describeIssues(parsed.error.issues).join('; ') });
    const target: AlertTarget = parsed.data;
    const admin = scopeOf(res);
    if (!inside(admin, target.scope)) return answer(req, res, target.name, 403, { error: `scope: you administer ${admin.name} (${admin.adcode}) only` });
    if (directory.isFiles(target.name)) return answer(req, res, target.name, 409, { error: `name: ${target.name} is defined in FRAUDWALL_ALERT_TARGETS_FILE` });
    if ((await store.alertTargets()).length >= MAX_ALERT_TARGETS) return answer(req, res, target.name, 409, { error: `name: at most ${MAX_ALERT_TARGETS} alert targets are kept; remove one first` });
    const saved = await store.saveAlertTarget(target, 'add');
    if (saved === 'exists') return answer(req, res, target.name, 409, { error: `name: there is already an alert target ${target.name}` });
    return answer(req, res, target.name, 201, await viewOf(res, target.name));
  });

  router.patch('/api/v1/alert-targets/:name', access.require('admin'), ...body, async (req, res) => {
    const parsed = alertTargetChangeSchema(scopes).safeParse(req.body);
    if (!parsed.success) return answer(req, res, String(req.params['name']), 400, { error: describeIssues(parsed.error.issues).join('; ') });
    const known = await editable(req, res);
    if (!known) return;
    const changed = changedTarget(known.target, parsed.data);
    if ('error' in changed) return answer(req, res, known.target.name, 400, { error: changed.error });
    const admin = scopeOf(res);
    if (!inside(admin, changed.scope)) return answer(req, res, changed.name, 403, { error: `scope: you administer ${admin.name} (${admin.adcode}) only` });
    if ((await store.saveAlertTarget(changed, 'replace')) === 'missing') return answer(req, res, changed.name, 404, { error: `name: there is no alert target ${changed.name}` });
    return answer(req, res, changed.name, 200, await viewOf(res, changed.name));
  });

  router.delete('/api/v1/alert-targets/:name', access.require('admin'), async (req, res) => {
    const known = await editable(req, res);
    if (!known) return;
    await store.removeAlertTarget(known.target.name);
    return answer(req, res, known.target.name, 200, { removed: known.target.name });
  });
  return router;
}
