// Single sign-on's two legs (issue 14), when FRAUDWALL_OIDC_* is configured:
//   GET /api/v1/session/oidc?return=/console   off to the identity provider (302)
//   GET /api/v1/session/oidc/callback          back from it: a session cookie and the page again,
//                                              or the page with ?signin_error=expired|refused|throttled
// and GET /api/v1/session/methods, which tells the sign-in forms whether to offer it. What the
// browser must bring back (PKCE verifier, state, nonce) waits in a short-lived HttpOnly cookie, sealed (pending-cookie.ts),
// on the callback's path: any node can finish what another started. It is SameSite=Lax, as it
// must come back on the provider's top-level redirect.
import { Router, type Request, type Response } from 'express';
import { parse as parseCookies } from 'cookie';
import type { Logger } from 'pino';
import type { OidcSignIn } from './oidc-sign-in';
import { PENDING_MS, RETURN_TO, type PendingCookie } from './pending-cookie';
import type { SessionsApi } from './accounts-api';
import type { AuditApi } from '../audit/audit-api';
import { isLockedOut, type FailureCounter } from '../auth/failed-auth-limiter';
import type { MergedFailureAudit } from '../audit/merged-failures';
import { SESSION_COOKIE, sessionCookieOptions } from '../auth/session-cookie';

const PENDING_COOKIE = 'fraudwall_oidc';
const PENDING_PATH = '/api/v1/session/oidc';

export function oidcRoute(
  oidc: OidcSignIn | undefined,
  store: SessionsApi & AuditApi,
  failures: MergedFailureAudit,
  pendingCookies: PendingCookie,
  limiter: FailureCounter,
  now: () => number,
  redirectUri: string | undefined,
  logger: Logger,
): Router {
  const router = Router();
  router.get('/api/v1/session/methods', (_req, res) => {
    res.json({ password: true, oidc: oidc !== undefined });
  });
  if (!oidc || redirectUri === undefined) return router;
  const pendingCookie = (req: Request) => ({ httpOnly: true, sameSite: 'lax' as const, secure: req.secure, path: PENDING_PATH });

  router.get('/api/v1/session/oidc', async (req, res) => {
    const asked = typeof req.query['return'] === 'string' ? req.query['return'] : '/console';
    const returnTo = RETURN_TO.test(asked) ? asked : '/console';
    try {
      const { url, pending } = await oidc.start(returnTo);
      res.cookie(PENDING_COOKIE, pendingCookies.seal(pending, now()), { ...pendingCookie(req), maxAge: PENDING_MS });
      res.redirect(302, url);
    } catch (error) {
      logger.warn({ err: error }, 'the identity provider cannot be reached');
      res.set('Retry-After', '30').status(503).json({ error: 'the identity provider cannot be reached; sign in with a password, or try again later' });
    }
  });

  router.get('/api/v1/session/oidc/callback', async (req: Request, res: Response) => {
    const pending = pendingCookies.open(parseCookies(req.headers.cookie ?? '')[PENDING_COOKIE], now());
    res.clearCookie(PENDING_COOKIE, pendingCookie(req));
    const address = req.ip ?? 'unknown';
    /** `error`: a code the page turns into its own words, so no link can put words of its choosing on it. */
    const back = (page: string, error?: 'expired' | 'refused' | 'throttled') =>
      res.redirect(302, error === undefined ? page : `${page}${page.includes('?') ? '&' : '?'}signin_error=${encodeURIComponent(error)}`);
    if (!pending) return back('/console', 'expired');
    // The callback as the provider called it: the configured URL with this request's query, not the Host header's.
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    let answer;
    try {
      answer = await oidc.finish(new URL(`${redirectUri}${query}`), pending);
    } catch (error) {
      answer = { ok: false as const, reason: error instanceof Error ? error.message : String(error) };
    }
    const signedIn = answer.ok ? await store.signInVouched(answer.identity, now()) : undefined;
    const reason = !answer.ok ? answer.reason : signedIn?.ok ? 'ok' : (signedIn?.why ?? 'refused');
    const who = answer.ok ? answer.identity : undefined;
    const record = { atMs: now(), actor: who?.username ?? 'oidc', role: who?.role ?? '', scope: who?.scope ?? '', action: 'sign-in', object: 'oidc', result: reason, address } as const;
    if (signedIn?.ok) await store.audit(record);
    else failures.record(record);
    if (signedIn?.ok) {
      res.cookie(SESSION_COOKIE, signedIn.sessionId, sessionCookieOptions(req));
      return back(pending.returnTo);
    }
    logger.warn({ address, reason }, 'single sign-on refused');
    if (isLockedOut(await limiter.countFailure(address))) return back(pending.returnTo, 'throttled');
    back(pending.returnTo, 'refused');
  });
  return router;
}
