// Failed sign-ins per (name, address) in either engine (accounts/sign-in-throttle.ts has the
// rule, computed in TypeScript between a read and a write that nothing else splits). Pairs
// quiet for a day are deleted a few at a time as others are counted: the table stays small
// without a sweep.
import { PAIR_MEMORY_MS, recentOf, type PairThrottle } from '../../accounts/sign-in-throttle';

/** How many forgotten pairs one count deletes at most. */
const PRUNE_BATCH = 100;

export interface SignInFailureRow {
  recent_ms: string;
  locked_until_ms: number;
  locks: number;
  last_failure_ms: number;
}

export const toPairThrottle = (row: SignInFailureRow): PairThrottle => ({
  recentMs: recentOf(row.recent_ms),
  lockedUntilMs: row.locked_until_ms,
  locks: row.locks,
  lastFailureMs: row.last_failure_ms,
});

/** The statements in either engine's placeholders: `placeholder(n)` is the n-th parameter. */
export function signInFailureStatements(placeholder: (n: number) => string) {
  const [a, b, c, d, e, f] = [1, 2, 3, 4, 5, 6].map(placeholder);
  const columns = 'recent_ms, locked_until_ms, locks, last_failure_ms';
  return {
    /** username, address */
    get: `SELECT ${columns} FROM sign_in_failures WHERE username = ${a} AND address = ${b}`,
    /** username, address, recent_ms, locked_until_ms, locks, last_failure_ms */
    put: `INSERT INTO sign_in_failures (username, address, ${columns}) VALUES (${a}, ${b}, ${c}, ${d}, ${e}, ${f})
      ON CONFLICT (username, address) DO UPDATE SET recent_ms = excluded.recent_ms, locked_until_ms = excluded.locked_until_ms,
        locks = excluded.locks, last_failure_ms = excluded.last_failure_ms`,
    /** username, address: a pair with no failures yet, for a row lock to hold while it is counted */
    claim: `INSERT INTO sign_in_failures (username, address, ${columns}) VALUES (${a}, ${b}, '', 0, 0, 0) ON CONFLICT (username, address) DO NOTHING`,
    /** username, address */
    clear: `DELETE FROM sign_in_failures WHERE username = ${a} AND address = ${b}`,
    /** username */
    clearName: `DELETE FROM sign_in_failures WHERE username = ${a}`,
    /** now */
    prune: `DELETE FROM sign_in_failures WHERE (username, address) IN (
      SELECT username, address FROM sign_in_failures
      WHERE last_failure_ms <= CAST(${a} AS BIGINT) - ${PAIR_MEMORY_MS} AND locked_until_ms <= CAST(${a} AS BIGINT) LIMIT ${PRUNE_BATCH})`,
  };
}

