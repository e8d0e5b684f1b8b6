// Failed sign-ins per (name, address) in PostgreSQL, shared by every node (sql/sign-in-failure-sql.ts
// has the statements). The pair's row is locked between the read and the write, so two nodes
// counting failures of one pair at once count both.
import type pg from 'pg';
import { afterFailure, recentText, type PairThrottle, type SignInThrottleTable } from '../../accounts/sign-in-throttle';
import { signInFailureStatements, toPairThrottle, type SignInFailureRow } from '../sql/sign-in-failure-sql';
import { transaction } from './transaction';

const SQL = signInFailureStatements((n) => `$${n}`);

export class PgSignInFailures implements SignInThrottleTable {
  constructor(private readonly pool: pg.Pool) {}

  async get(username: string, address: string): Promise<PairThrottle | undefined> {
    const { rows } = await this.pool.query<SignInFailureRow>(SQL.get, [username, address]);
    return rows[0] && toPairThrottle(rows[0]);
  }

  async countFailure(username: string, address: string, nowMs: number): Promise<PairThrottle> {
    await this.pool.query(SQL.prune, [nowMs]);
    return transaction(this.pool, 'BEGIN', async (client) => {
      await client.query(SQL.claim, [username, address]);
      const { rows } = await client.query<SignInFailureRow>(`${SQL.get} FOR UPDATE`, [username, address]);
      const pair = afterFailure(toPairThrottle(rows[0]!), nowMs);
      await client.query(SQL.put, [username, address, recentText(pair.recentMs), pair.lockedUntilMs, pair.locks, pair.lastFailureMs]);
      return pair;
    });
  }

  async clear(username: string, address: string): Promise<void> {
    await this.pool.query(SQL.clear, [username, address]);
  }

  async clearName(username: string): Promise<void> {
    await this.pool.query(SQL.clearName, [username]);
  }
}
