// A signed-in browser's credentials: the session cookie it sends with every request, and the
// CSRF token it must send back in a header with every state-changing one — which another site's
// page can make the browser send the cookie with, but cannot read the token to add.
import { timingSafeEqual } from 'node:crypto';
import { parse as parseCookies } from 'cookie';
import type { Request } from 'express';
import type { SessionView } from '../accounts/sign-in';

export const SESSION_COOKIE = 'fraudwall_session';

/** The session id the request's cookie carries, if any. */
export function sessionIdOf(req: Pick<Request, 'headers'>): string | undefined {
  const header = req.headers.cookie;
  return header === undefined ? undefined : parseCookies(header)[SESSION_COOKIE];
}

/** Whether the request sent its session's CSRF token back. */
export function carriesCsrfToken(req: Request, session: SessionView): boolean {
  const sent = Buffer.from(req.get('x-csrf-token') ?? '');
  const expected = Buffer.from(session.csrfToken);
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}
