// A signed-in browser's credentials: the session cookie it sends with every request, and the
// CSRF token it must send back in a header with every state-changing one — which another site's
// page can make the browser send the cookie with, but cannot read the token to add.
import { timingSafeEqual } from 'node:crypto';
import { parse as parseCookies } from 'cookie';
import type { IncomingMessage } from 'node:http';
import type { SessionView } from '../../shared/protocol/account';

export const SESSION_COOKIE = 'fraudwall_session';

/** The session cookie's attributes: never readable by the page, never sent from another site, Secure behind TLS. */
export function sessionCookieOptions(req: { secure: boolean }) {
  return { httpOnly: true, sameSite: 'strict' as const, secure: req.secure, path: '/' };
}

/** The session id the request's cookie carries, if any. */
export function sessionIdOf(req: Pick<IncomingMessage, 'headers'>): string | undefined {
  const header = req.headers.cookie;
  return header === undefined ? undefined : parseCookies(header)[SESSION_COOKIE];
}

/** Whether `sent` (the request's X-CSRF-Token) is its session's CSRF token; compared in constant time. */
export function csrfMatches(sent: string | undefined, session: SessionView): boolean {
  const given = Buffer.from(sent ?? '');
  const expected = Buffer.from(session.csrfToken);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
