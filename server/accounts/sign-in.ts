// Signing in with an account (issue 14): the password checked against its Argon2id hash, five
// failures in a row lock the account for 15 minutes, a session ends after
// FRAUDWALL_SESSION_IDLE_MINUTES without use or 12 hours after sign-in, and a disabled account's
// sessions end at their next use. Runs on a store thread: a hash check costs tens of
// milliseconds of CPU that the walls' thread must not spend.
import { createHash, randomBytes } from 'node:crypto';
import type { SessionView } from '../../shared/protocol/account';
import type { AccountIdentity } from '../auth/identity';
import { usernameSchema, type AccountTable } from './account';
import { hashPassword, passwordMatches } from './password';
import type { SessionTable } from './session-store';

export const MAX_FAILED_SIGNINS = 5;
export const LOCKOUT_MS = 15 * 60_000;
/** However active, a session ends this long after sign-in. */
export const SESSION_LIFETIME_MS = 12 * 3_600_000;
/** A session's last use is written at most this often: not a write per request. */
const TOUCH_EVERY_MS = 60_000;

export type { SessionView };

export type SignInAnswer =
  | { readonly ok: true; readonly sessionId: string; readonly session: SessionView }
  | { readonly ok: false; readonly reason: 'invalid' }
  | { readonly ok: false; readonly reason: 'locked'; readonly untilMs: number };

const idHash = (sessionId: string) => createHash('sha256').update(sessionId).digest('hex');

/** A hash no password matches, checked when there is no such account: an unknown name costs as long as a wrong password. */
let decoy: Promise<string> | undefined;

export class SignInDesk {
  constructor(
    private readonly accounts: AccountTable,
    private readonly sessions: SessionTable,
    private readonly idleMs: number,
  ) {}

  async signIn(username: string, password: string, nowMs: number): Promise<SignInAnswer> {
    const account = usernameSchema.safeParse(username).success ? await this.accounts.get(username) : undefined;
    if (!account) {
      await passwordMatches(await (decoy ??= hashPassword(randomBytes(32).toString('hex'))), password);
      return { ok: false, reason: 'invalid' };
    }
    if (account.lockedUntilMs > nowMs) return { ok: false, reason: 'locked', untilMs: account.lockedUntilMs };
    if (!(await passwordMatches(account.passwordHash, password)) || account.disabled) {
      await this.accounts.countFailedSignIn(username, MAX_FAILED_SIGNINS, nowMs + LOCKOUT_MS);
      return { ok: false, reason: 'invalid' };
    }
    if (account.failedSignIns > 0) await this.accounts.clearFailedSignIns(username);
    return this.#open(account, nowMs);
  }

  /**
   * A person the identity provider vouched for (oidc-sign-in.ts): their account is made, or its
   * role and scope brought up to what the provider says now. An account of the same name with a
   * password of its own is not theirs; one an admin disabled stays disabled.
   */
  async signInVouched(identity: AccountIdentity, nowMs: number): Promise<SignInAnswer> {
    const account = await this.accounts.get(identity.username);
    if (account && (account.passwordHash !== '' || account.tokenHash !== null || account.disabled)) return { ok: false, reason: 'invalid' };
    if (account) await this.accounts.setRoleScope(identity.username, identity.role, identity.scope, nowMs);
    else {
      await this.accounts.add({ ...identity, passwordHash: '', tokenHash: null, disabled: false, createdMs: nowMs, updatedMs: nowMs, failedSignIns: 0, lockedUntilMs: 0 });
    }
    return this.#open(identity, nowMs);
  }

  async #open({ username, role, scope }: AccountIdentity, nowMs: number): Promise<SignInAnswer> {
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
