// Signing in and out with an account (issue 14): POST /api/v1/session {username, password} sets
// an HttpOnly, SameSite=Strict session cookie (Secure behind TLS); GET says who is signed in and
// the CSRF token their state-changing requests must send back (X-CSRF-Token); DELETE signs out.
// A sign-in's path, its capacity and its throttles are password-sign-in.ts's; failed and refused
// ones reach the audit trail merged (merged-failures.ts), a successful one at once.
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { describeIssues } from '../../shared/schema/validate';
import { PASSWORD_MAX_CHARS } from './account';
import type { SessionView } from './sign-in';
import { refuseDeclaredOversize } from '../http/body-limits';
import { refuseCrossSite, requireJson } from '../http/same-site';
import type { SessionsApi } from './accounts-api';
import type { AuditApi } from '../audit/audit-api';
import { MANY, type MergedFailureAudit } from '../audit/merged-failures';
import type { PasswordSignIn } from './password-sign-in';
import { csrfMatches, SESSION_COOKIE, sessionCookieOptions, sessionIdOf } from '../auth/session-cookie';

const SIGN_IN_BODY_BYTES = 4 * 1024;
const REFUSED_ERROR = (retryAfterS: number) => `too many failed sign-ins; try again in ${Math.ceil(retryAfterS / 60)} minute(s)`;

const SignInBody = z.strictObject({
  username: z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(64, 'must be at most 64 characters'),
  password: z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(PASSWORD_MAX_CHARS, `must be at most ${PASSWORD_MAX_CHARS} characters`),
});

/** `onSignedOut`: ends whatever else the session holds open (its sockets). */
export function sessionRoute(
  store: SessionsApi & AuditApi,
  signIns: PasswordSignIn,
  failures: MergedFailureAudit,
  now: () => number,
  onSignedOut: (sessionId: string) => void,
): Router {
  const router = Router();
  const current = async (req: Request): Promise<{ id: string; session: SessionView } | undefined> => {
    const id = sessionIdOf(req);
    const session = id === undefined ? undefined : await store.sessionOf(id, now());
    return id === undefined || session === undefined ? undefined : { id, session };
  };

  router.post(
    '/api/v1/session',
    // An address this node already refuses is answered before its body is read: a flood from it costs the least it can.
    (req, res, next) => {
      const address = req.ip ?? 'unknown';
      const retryAfterS = signIns.refusedForS(address);
      if (retryAfterS === 0) return next();
      failures.record({ atMs: now(), actor: MANY, role: '', scope: '', action: 'sign-in', object: '', result: 'refused', address });
      res.set('Retry-After', String(retryAfterS)).status(429).json({ error: REFUSED_ERROR(retryAfterS) });
    },
    refuseCrossSite(),
    requireJson(),
    refuseDeclaredOversize(SIGN_IN_BODY_BYTES),
    express.json({ limit: SIGN_IN_BODY_BYTES, strict: false, type: () => true }),
    async (req: Request, res: Response) => {
      const body = SignInBody.safeParse(req.body);
      if (!body.success) {
        res.status(400).json({ error: describeIssues(body.error.issues).join('; ') });
        return;
      }
      const { username, password } = body.data;
      const address = req.ip ?? 'unknown';
      const outcome = await signIns.attempt(username, password, address);
      if (outcome.kind === 'busy') {
        res.set('Retry-After', String(outcome.retryAfterS)).status(429).json({ error: 'too many sign-ins at once; try again in a moment' });
        return;
      }
      const record = { atMs: now(), actor: username, role: '', scope: '', action: 'sign-in', object: '', address } as const;
      if (outcome.kind === 'signed-in') {
        const { role, scope } = outcome.session;
        await store.audit({ ...record, role, scope, result: 'ok' });
        res.cookie(SESSION_COOKIE, outcome.sessionId, sessionCookieOptions(req)).status(204).end();
        return;
      }
      failures.record({ ...record, result: outcome.kind });
      if (outcome.kind === 'refused') {
        res.set('Retry-After', String(outcome.retryAfterS)).status(429).json({ error: REFUSED_ERROR(outcome.retryAfterS) });
        return;
      }
      res.status(401).json({ error: 'the username or password is wrong' });
    },
  );

  router.get('/api/v1/session', async (req, res) => {
    const signedIn = await current(req);
    if (!signedIn) res.status(401).json({ error: 'not signed in' });
    else res.json(signedIn.session);
  });

  router.delete('/api/v1/session', async (req, res) => {
    const signedIn = await current(req);
    if (!signedIn) {
      res.status(401).json({ error: 'not signed in' });
      return;
    }
    if (!csrfMatches(req.get('x-csrf-token'), signedIn.session)) {
      res.status(403).json({ error: "X-CSRF-Token: must be the session's CSRF token (GET /api/v1/session)" });
      return;
    }
    await store.signOut(signedIn.id);
    onSignedOut(signedIn.id);
    const { username, role, scope } = signedIn.session;
    await store.audit({ atMs: now(), actor: username, role, scope, action: 'sign-out', object: '', result: 'ok', address: req.ip ?? 'unknown' });
    res.clearCookie(SESSION_COOKIE, sessionCookieOptions(req)).status(204).end();
  });
  return router;
}
