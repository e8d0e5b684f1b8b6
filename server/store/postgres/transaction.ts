// Transactions on a connection of the pool: committed if `work` returns, rolled back if it
// throws. A locked one first takes an advisory lock of ours, so that whatever it does happens on
// one node at a time across the cluster (migrating, committing a batch, appending to the audit
// trail); the lock is taken before the first write, so transaction ids are assigned in lock order.
import type pg from 'pg';

/** The advisory lock keys (any constants no other lock of ours uses). */
export const LOCKS = { migration: 7_301_001, write: 7_301_002, audit: 7_301_003 } as const;

/** `begin`: the statement that opens it (an isolation level, a lock). */
export async function transaction<T>(pool: pg.Pool, begin: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export function lockedTransaction<T>(pool: pg.Pool, lock: number, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return transaction(pool, `BEGIN; SELECT pg_advisory_xact_lock(${lock})`, work);
}
