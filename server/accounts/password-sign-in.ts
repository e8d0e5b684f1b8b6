// A password sign-in from start to end, with capacity of its own (issue 22): an anonymous flood
// of sign-ins must not take what ingest, steps, sessions and the walls need.
//
// - An address this node already refuses is answered before anything else (refusedForS, asked
//   before the body is read): no store call, no hash.
// - At most SIGN_INS_AT_ONCE sign-ins run at a time, SIGN_INS_WAITING more wait; the rest are
//   told to come back (429, Retry-After) at once. So sign-in never holds more than a few of the
//   writer's call slots, each for a key lookup — never for a hash.
// - The check (store) says what the password must match and whether the (name, address) pair or
//   the address is refused; a refused one is answered before any hash is computed.
// - The hash is checked here, by argon2 on libuv's pool; an unknown name is checked against a
//   decoy hash, and its failure written like any other, so it costs the same time and answers
//   the same as a wrong password.
import { randomBytes } from 'node:crypto';
import PQueue from 'p-queue';
import { isLockedOut, WINDOW_MS, type FailureCounter } from '../auth/failed-auth-limiter';
import type { SessionsApi } from './accounts-api';
import { hashPassword, passwordMatches } from './password';
import type { SessionView } from './sign-in';

/** Argon2 at OWASP's cost is ~19 MiB and tens of ms of one core each: a few at a time is plenty for people. */
export const SIGN_INS_AT_ONCE = 4;
export const SIGN_INS_WAITING = 32;
/** What a sign-in turned away for capacity is told to wait. */
const BUSY_RETRY_S = 1;

export type PasswordSignInOutcome =
  | { readonly kind: 'signed-in'; readonly sessionId: string; readonly session: SessionView }
  | { readonly kind: 'invalid' }
  /** The pair or the address failed too often; the same answer whether the name exists or not. */
  | { readonly kind: 'refused'; readonly retryAfterS: number }
  /** Sign-in is at capacity. */
  | { readonly kind: 'busy'; readonly retryAfterS: number };

export class PasswordSignIn {
  readonly #running = new PQueue({ concurrency: SIGN_INS_AT_ONCE });
  /** A hash no password matches, checked when no password signs the name in. */
  #decoy: Promise<string> | undefined;

  constructor(
    private readonly store: SessionsApi,
    private readonly addressLimiter: FailureCounter,
    private readonly now: () => number,
  ) {
    // Made now, so that the first unknown name costs no more than any other.
    void this.#decoyHash();
  }

  /** Sign-ins running or waiting now (for /metrics). */
  get inProgress(): number {
    return this.#running.pending + this.#running.size;
  }

  /** Until when this node already refuses the address, in seconds from now (0: it does not): asked before the body is even read. */
  refusedForS(address: string): number {
    const until = this.addressLimiter.refusedUntilMs(address);
    return until > this.now() ? this.#retryAfterS(until) : 0;
  }

  /** A sign-in from an address `refusedForS` let through. */
  async attempt(username: string, password: string, address: string): Promise<PasswordSignInOutcome> {
    if (this.#running.size >= SIGN_INS_WAITING) return { kind: 'busy', retryAfterS: BUSY_RETRY_S };
    return (await this.#running.add(() => this.#attempt(username, password, address))) as PasswordSignInOutcome;
  }

  async #attempt(username: string, password: string, address: string): Promise<PasswordSignInOutcome> {
    const check = await this.store.signInCheck(username, address, this.now());
    if (check.refusedUntilMs > 0) return this.#refused(check.refusedUntilMs);
    const matches = await passwordMatches(check.passwordHash ?? (await this.#decoyHash()), password);
    if (matches && check.passwordHash !== null) {
      const answer = await this.store.signInSucceeded(username, address, check.passwordHash, this.now());
      if (answer.ok) return { kind: 'signed-in', sessionId: answer.sessionId, session: answer.session };
    }
    await this.store.signInFailed(username, address, this.now());
    const addressFailures = await this.addressLimiter.countFailure(address);
    // Another node's count may have decided it: then this one waits out a whole window.
    return isLockedOut(addressFailures) ? this.#refused(this.addressLimiter.refusedUntilMs(address) || this.now() + WINDOW_MS) : { kind: 'invalid' };
  }

  #refused(untilMs: number): PasswordSignInOutcome {
    return { kind: 'refused', retryAfterS: this.#retryAfterS(untilMs) };
  }

  #retryAfterS(untilMs: number): number {
    return Math.max(1, Math.ceil((untilMs - this.now()) / 1000));
  }

  #decoyHash(): Promise<string> {
    return (this.#decoy ??= hashPassword(randomBytes(32).toString('hex')));
  }
}
