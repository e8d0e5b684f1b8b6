// Accounts for admin accounts (the /admin page), each admin within its own scope:
//   GET   /api/v1/accounts                       every account inside the admin's scope
//   POST  /api/v1/accounts {username, role, scope, password?}   201; a device's token, shown once
//   PATCH /api/v1/accounts/:username {password} | {disabled}
//   POST  /api/v1/accounts/:username/token       a device's new token; the old one stops at once
// Every change is an audit record. `afterChange` brings this node up to date before the answer
// leaves: a device added can connect at once, and an account disabled, given a new password or a
// new token loses what it holds open here at once — on other nodes at their next check
// (device-directory.ts; a session at its next use).
import express, { Router, type Request, type Response } from 'express';
import type { RegionScopes, Scope } from '../../shared/region';
import { describeIssues } from '../../shared/schema/validate';
import { accountOf, scopeOf, type AccessControl } from '../auth/access-control';
import { requestActor } from '../audit/request-actor';
import { refuseDeclaredOversize } from '../http/body-limits';
import type { AuditApi } from '../audit/audit-api';
import type { AccountsApi } from './accounts-api';
import type { AccountView } from './account';
import { accountChangeSchema, auditAction, newAccountSchema, type AccountAnswer, type AccountCommand } from './account-command';

const ACCOUNT_BODY_BYTES = 4 * 1024;

export function accountsRoute(access: AccessControl, scopes: RegionScopes, store: AccountsApi & AuditApi, now: () => number, afterChange: (command: AccountCommand) => Promise<void>): Router {
  const router = Router();
  const body = [refuseDeclaredOversize(ACCOUNT_BODY_BYTES), express.json({ limit: ACCOUNT_BODY_BYTES, strict: false, type: () => true })];
  const inside = (admin: Scope, adcode: string) => {
    const scope = scopes.get(adcode);
    return scope !== undefined && scopes.contains(admin, scope);
  };
  const visible = async (res: Response): Promise<AccountView[]> => (await store.accountList()).filter((a) => inside(scopeOf(res), a.scope));

  /** Carries out `command`, records it, and answers `status` with the account (and a new token). */
  const carryOut = async (req: Request, res: Response, command: AccountCommand, status: 200 | 201) => {
    const answer: AccountAnswer = await store.administerAccount(command, now());
    await store.audit({ atMs: now(), ...requestActor(req, res, 'admin'), action: auditAction(command), object: command.username, result: answer.ok ? 'ok' : String(answer.status) });
    if (!answer.ok) {
      res.status(answer.status).json({ error: answer.error });
      return;
    }
    await afterChange(command);
    res.status(status).json({ account: answer.account, ...(answer.token === undefined ? {} : { token: answer.token }) });
  };

  /** The account `:username` names, if the admin may see it; otherwise answered 404. */
  const target = async (req: Request, res: Response): Promise<AccountView | undefined> => {
    const username = String(req.params['username']);
    const account = (await visible(res)).find((a) => a.username === username);
    if (!account) res.status(404).json({ error: `username: there is no account ${username} in your scope` });
    return account;
  };

  router.get('/api/v1/accounts', access.require('admin'), async (_req, res) => {
    res.json(await visible(res));
  });

  router.post('/api/v1/accounts', access.require('admin'), ...body, async (req, res) => {
    const parsed = newAccountSchema(scopes).safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: describeIssues(parsed.error.issues).join('; ') });
      return;
    }
    const admin = scopeOf(res);
    if (!inside(admin, parsed.data.scope)) {
      res.status(403).json({ error: `scope: you administer ${admin.name} (${admin.adcode}) only` });
      return;
    }
    await carryOut(req, res, { kind: 'add', ...parsed.data }, 201);
  });

  router.patch('/api/v1/accounts/:username', access.require('admin'), ...body, async (req, res) => {
    const parsed = accountChangeSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: describeIssues(parsed.error.issues).join('; ') });
      return;
    }
    const account = await target(req, res);
    if (!account) return;
    const change = parsed.data;
    if (change.disabled === true && account.username === accountOf(res)?.username) {
      res.status(400).json({ error: 'disabled: an admin cannot disable their own account' });
      return;
    }
    const command: AccountCommand =
      change.password !== undefined
        ? { kind: 'password', username: account.username, password: change.password }
        : change.displayName !== undefined
          ? { kind: 'name', username: account.username, displayName: change.displayName }
          : { kind: change.disabled ? 'disable' : 'enable', username: account.username };
    await carryOut(req, res, command, 200);
  });

  router.post('/api/v1/accounts/:username/token', access.require('admin'), async (req, res) => {
    const account = await target(req, res);
    if (account) await carryOut(req, res, { kind: 'new-token', username: account.username }, 201);
  });
  return router;
}
