// Signing in with an account (issue 14), the store's part: what a password is checked against,
// and what a sign-in leaves behind — a session, or one more failure of its (name, address) pair
// (sign-in-throttle.ts). The password itself is checked on the thread serving the walls, in
// sign-in's own bounded pool (password-sign-in.ts), never while holding one of the writer's call
// slots. A session ends after FRAUDWALL_SESSION_IDLE_MINUTES without use or 12 hours after
// sign-in, and a disabled account's sessions end at their next use.
import { createHash, randomBytes } from 'node:crypto';
import type { SessionView } from '../../shared/protocol/account';
import type { AccountIdentity } from '../auth/identity';
import { MAX_FAILURES, WINDOW_MS } from '../auth/failed-auth-limiter';
import { usernameSchema, type AccountTable } from './account';
import type { SessionTable } from './session-store';
import type { SignInThrottleTable } from './sign-in-throttle';
import { bindingRefusal, type SsoBindingTable, type VouchedIdentity } from './sso-binding';

/** However active, a session ends this long after sign-in. */
export const SESSION_LIFETIME_MS = 12 * 3_600_000;
/** A session's last use is written at most this often: not a write per request. */
const TOUCH_EVERY_MS = 60_000;

export type { SessionView };

export type SignInAnswer = { readonly ok: true; readonly sessionId: string; readonly session: SessionView } | { readonly ok: false; readonly reason: 'invalid' };

type SignedIn = Extract<SignInAnswer, { ok: true }>;

/** A single sign-on's answer: refused with the reason the audit trail records. */
export type VouchedSignInAnswer = SignedIn | { readonly ok: false; readonly reason: 'refused'; readonly why: string };

/** What a password sign-in is checked against, before any hash is computed. */
export interface SignInCheck {
  /** The hash the password must match; null when no password signs this name in (no such account, a device, disabled). */
  readonly passwordHash: string | null;
  /** Refused without a check until then — the pair is locked, or the address failed too often on some node (0: not refused). */
  readonly refusedUntilMs: number;
}

/** The address's failures as every node counts them (auth_failures), for the check. */
export interface AddressFailures {
  readonly firstMs: number;
  readonly failures: number;
}

const idHash = (sessionId: string) => createHash('sha256').update(sessionId).digest('hex');

export class SignInDesk {
  constructor(
    private readonly accounts: AccountTable,
    private readonly sessions: SessionTable,
    private readonly throttle: SignInThrottleTable,
    private readonly addressFailures: (address: string) => AddressFailures | undefined | Promise<AddressFailures | undefined>,
    private readonly bindings: SsoBindingTable,
    private readonly idleMs: number,
  ) {}

  async check(username: string, address: string, nowMs: number): Promise<SignInCheck> {
    const [pair, fromAddress] = [await this.throttle.get(username, address), await this.addressFailures(address)];
    const addressUntilMs = fromAddress && fromAddress.failures > MAX_FAILURES ? fromAddress.firstMs + WINDOW_MS : 0;
    const refusedUntilMs = Math.max(pair?.lockedUntilMs ?? 0, addressUntilMs);
    const account = usernameSchema.safeParse(username).success ? await this.accounts.get(username) : undefined;
    const passwordHash = account && !account.disabled && account.passwordHash !== '' ? account.passwordHash : null;
    return { passwordHash, refusedUntilMs: refusedUntilMs > nowMs ? refusedUntilMs : 0 };
  }

  /** One more failure of the pair; when the pair is now locked, until when. The same write whether the name exists or not. */
  async failed(username: string, address: string, nowMs: number): Promise<number> {
    const pair = await this.throttle.countFailure(username, address, nowMs);
    return pair.lockedUntilMs > nowMs ? pair.lockedUntilMs : 0;
  }

  /**
   * The password matched `checkedHash`: a session, unless the account changed since the check
   * (disabled, or its password changed by an admin meanwhile).
   */
  async succeeded(username: string, address: string, checkedHash: string, nowMs: number): Promise<SignInAnswer> {
    const account = await this.accounts.get(username);
    if (!account || account.disabled || account.passwordHash !== checkedHash) return { ok: false, reason: 'invalid' };
    await this.throttle.clear(username, address);
    return this.#open(account, nowMs);
  }

  /**
   * A person the identity provider vouched for (oidc-sign-in.ts): their account is made and bound
   * to them (sso-binding.ts), or its role and scope brought up to what the provider says now. An
   * account of the same name with a password of its own is not theirs, nor one bound to another
   * person at the provider; one an admin disabled stays disabled.
   */
  async signInVouched(identity: VouchedIdentity, nowMs: number): Promise<VouchedSignInAnswer> {
    const account = await this.accounts.get(identity.username);
    if (account && (account.passwordHash !== '' || account.tokenHash !== null || account.disabled)) {
      return { ok: false, reason: 'refused', why: 'the account is disabled, or has a password or token of its own' };
    }
    const refusal = await bindingRefusal(this.bindings, identity);
    if (refusal !== undefined) return { ok: false, reason: 'refused', why: refusal };
    if (account) await this.accounts.setRoleScope(identity.username, identity.role, identity.scope, nowMs);
    else await this.accounts.add({ username: identity.username, role: identity.role, scope: identity.scope, passwordHash: '', tokenHash: null, disabled: false, createdMs: nowMs, updatedMs: nowMs, lockedUntilMs: 0, displayName: null });
    if ((await this.bindings.of(identity.username)) === undefined) await this.bindings.bind(identity.username, identity);
    return this.#open(identity, nowMs);
  }

  async #open({ username, role, scope }: AccountIdentity, nowMs: number): Promise<SignedIn> {
    const sessionId = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    await this.sessions.create({ idHash: idHash(sessionId), username, csrf, createdMs: nowMs, seenMs: nowMs });
    return { ok: true, sessionId, session: { username, role, scope, csrfToken: csrf } };
  }

  /**
   * The session `sessionId` names, if it is still live; a dead one is removed. `use`: this is
   * the session being used (a request), which keeps it from going idle — a check of the sockets
   * it holds open is not.
   */
  async session(sessionId: string, nowMs: number, use = true): Promise<SessionView | undefined> {
    const key = idHash(sessionId);
    const session = await this.sessions.get(key);
    if (!session) return undefined;
    const account = await this.accounts.get(session.username);
    if (!account || account.disabled || nowMs - session.seenMs > this.idleMs || nowMs - session.createdMs >= SESSION_LIFETIME_MS) {
      await this.sessions.remove(key);
      return undefined;
    }
    if (use && nowMs - session.seenMs >= TOUCH_EVERY_MS) await this.sessions.touch(key, nowMs);
    return { username: account.username, role: account.role, scope: account.scope, csrfToken: session.csrf };
  }

  async signOut(sessionId: string): Promise<void> {
    await this.sessions.remove(idHash(sessionId));
  }
}
