// What a browser carries to the identity provider and back (oidc-route.ts): the PKCE verifier,
// state, nonce and the page to return to, sealed with an HMAC under a key every node shares
// (derived from the audit key) and an expiry inside it (issue 22). A cookie this server did not
// write — made up, altered, or older than ten minutes — is refused before the provider is asked
// or anything is recorded, so forged callbacks cost one HMAC and leave no trace in the audit trail.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { PendingSignIn } from './oidc-sign-in';

export const PENDING_MS = 10 * 60_000;
/** The pages a sign-in may return to: never another site. */
export const RETURN_TO = /^\/(?:console|admin|briefing|report)?(?:\?[^#\s]*)?$/;

const Sealed = z.strictObject({
  verifier: z.string(),
  state: z.string(),
  nonce: z.string(),
  returnTo: z.string().regex(RETURN_TO),
  expiresMs: z.number(),
});

export class PendingCookie {
  readonly #key: Buffer;

  /** `secretHex`: the audit key; the seal uses a key derived from it, never the key itself. */
  constructor(secretHex: string) {
    this.#key = createHmac('sha256', Buffer.from(secretHex, 'hex')).update('fraudwall oidc pending').digest();
  }

  seal(pending: PendingSignIn, nowMs: number): string {
    const payload = Buffer.from(JSON.stringify({ ...pending, expiresMs: nowMs + PENDING_MS })).toString('base64url');
    return `${payload}.${this.#mac(payload).toString('base64url')}`;
  }

  /** The pending sign-in a cookie holds, if this server sealed it and it has not expired. */
  open(raw: string | undefined, nowMs: number): PendingSignIn | undefined {
    const [payload, mac, ...rest] = (raw ?? '').split('.');
    if (payload === undefined || mac === undefined || rest.length > 0) return undefined;
    const given = Buffer.from(mac, 'base64url');
    const expected = this.#mac(payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const parsed = Sealed.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
      if (!parsed.success || parsed.data.expiresMs < nowMs) return undefined;
      const { expiresMs: _expires, ...pending } = parsed.data;
      return pending;
    } catch {
      return undefined;
    }
  }

  #mac(payload: string): Buffer {
    return createHmac('sha256', this.#key).update(payload).digest();
  }
}
