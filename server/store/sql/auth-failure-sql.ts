// Failed authentications per address, kept in the database so that every node sharing it counts
// the same (failed-auth-limiter.ts has the rule). One statement counts a failure and starts a
// new window once the old one is a minute old; windows long over are deleted a few at a time.
import { WINDOW_MS } from '../../auth/failed-auth-limiter';

/** How many finished windows one count deletes at most: the table stays small without a sweep. */
const PRUNE_BATCH = 100;

/** The statements in either engine's placeholders (`?` or `$n`): address, now in ms. */
export function authFailureStatements(placeholder: (n: 1 | 2) => string): { count: string; prune: string; get: string } {
  const [address, now] = [placeholder(1), placeholder(2)];
  const expired = `excluded.first_ms - auth_failures.first_ms >= ${WINDOW_MS}`;
  return {
    count: `INSERT INTO auth_failures (address, first_ms, failures) VALUES (${address}, ${now}, 1)
      ON CONFLICT (address) DO UPDATE SET
        failures = CASE WHEN ${expired} THEN 1 ELSE auth_failures.failures + 1 END,
        first_ms = CASE WHEN ${expired} THEN excluded.first_ms ELSE auth_failures.first_ms END
      RETURNING failures`,
    /** address: its window, however old */
    get: `SELECT first_ms AS "firstMs", failures FROM auth_failures WHERE address = ${address}`,
    prune: `DELETE FROM auth_failures WHERE address IN (
      SELECT address FROM auth_failures WHERE first_ms <= CAST(${now} AS BIGINT) - ${WINDOW_MS} AND address <> ${address} LIMIT ${PRUNE_BATCH})`,
  };
}
