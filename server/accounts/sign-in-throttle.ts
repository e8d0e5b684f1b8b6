// The rule that slows password guessing without handing anyone a way to lock a person out (issue
// 22). Failures are counted per (name, address): five within any 15 minutes lock that pair — not
// the account — for 15 minutes, doubling with each lock after (to 4 hours), and the failures that
// caused a lock are forgotten with it, so one more wrong guess after it expires does not lock it
// again. A person signing in from their own desk is never locked by a stranger guessing from
// elsewhere. The key is the name as typed, so an unknown name is throttled exactly like a real one
// and the answers say nothing about which names exist.

export const PAIR_MAX_FAILURES = 5;
export const PAIR_WINDOW_MS = 15 * 60_000;
export const FIRST_LOCK_MS = 15 * 60_000;
export const LONGEST_LOCK_MS = 4 * 3_600_000;
/** A pair's history of locks is forgotten after this long without a failure. */
export const PAIR_MEMORY_MS = 24 * 3_600_000;

/** One (name, address) pair's failures as the store keeps them. */
export interface PairThrottle {
  /** The failures within the window, oldest first (at most PAIR_MAX_FAILURES − 1 are ever kept). */
  readonly recentMs: readonly number[];
  /** Sign-in from this address under this name is refused until then (epoch ms; 0: never locked). */
  readonly lockedUntilMs: number;
  /** Locks so far, which set the next lock's length. */
  readonly locks: number;
  readonly lastFailureMs: number;
}

export const lockLengthMs = (locksBefore: number) => Math.min(FIRST_LOCK_MS * 2 ** Math.min(locksBefore, 16), LONGEST_LOCK_MS);

/** The pair after one more failure at `nowMs`. */
export function afterFailure(before: PairThrottle | undefined, nowMs: number): PairThrottle {
  const remembered = before !== undefined && nowMs - before.lastFailureMs < PAIR_MEMORY_MS;
  const locks = remembered ? before.locks : 0;
  const recentMs = [...(remembered ? before.recentMs.filter((ms) => nowMs - ms < PAIR_WINDOW_MS) : []), nowMs];
  if (recentMs.length >= PAIR_MAX_FAILURES) return { recentMs: [], lockedUntilMs: nowMs + lockLengthMs(locks), locks: locks + 1, lastFailureMs: nowMs };
  return { recentMs, lockedUntilMs: remembered ? before.lockedUntilMs : 0, locks, lastFailureMs: nowMs };
}

/** The failures as one column in either engine: milliseconds, comma-separated. */
export const recentText = (recentMs: readonly number[]) => recentMs.join(',');
export const recentOf = (text: string): number[] => (text === '' ? [] : text.split(',').map(Number));

/** The pairs as each engine keeps them, shared by every node. */
export interface SignInThrottleTable {
  get(username: string, address: string): PairThrottle | undefined | Promise<PairThrottle | undefined>;
  /** Counts one more failure (afterFailure), atomically however many nodes count at once: the pair after it. */
  countFailure(username: string, address: string, nowMs: number): PairThrottle | Promise<PairThrottle>;
  /** The pair signed in: its failures and locks are forgotten. */
  clear(username: string, address: string): void | Promise<void>;
  /** Every pair of the name: an admin set a new password, which lets the person back in from anywhere. */
  clearName(username: string): void | Promise<void>;
}
