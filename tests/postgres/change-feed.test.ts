// The change feed every node follows (server/store/postgres/change-follower.ts), on a real
// PostgreSQL: a transaction that took its id early and commits late is never skipped — the
// trap of tailing a sequence column — and a basis read mid-stream is neither double-counted
// nor left short.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeFollower } from '../../server/store/postgres/change-follower';
import { migrate } from '../../server/store/postgres/migrations';
import { clientConfig } from '../../server/store/postgres/pool';
import { waitFor } from '../support/wait-for';
import { createDatabase, HAS_POSTGRES, startPostgres, type Postgres } from '../support/postgres';

let postgres: Postgres;
let url: string;
let pool: pg.Pool;

/** A change as the feed holds it; the follower hands on whatever JSON it finds. */
const change = (tag: string) => JSON.stringify({ tag });

async function connected(): Promise<pg.Client> {
  const client = new pg.Client(clientConfig(url));
  await client.connect();
  return client;
}

function follow(): { follower: ChangeFollower; seen: string[]; resyncs: number[] } {
  const seen: string[] = [];
  const resyncs: number[] = [];
  const follower = new ChangeFollower(pool, url, {
    change: (c) => seen.push((c as unknown as { tag: string }).tag),
    resync: () => resyncs.push(Date.now()),
  });
  return { follower, seen, resyncs };
}

describe.skipIf(!HAS_POSTGRES)('the change feed', () => {
  beforeAll(async () => {
    postgres = await startPostgres();
    url = await createDatabase(postgres.url, 'feed');
    pool = new pg.Pool({ ...clientConfig(url), max: 4 });
    await migrate(pool);
  }, 60_000);
  afterAll(async () => {
    await pool?.end();
    postgres?.destroy();
  });

  it('never skips a transaction that took a lower id and committed after a higher one', async () => {
    const { follower, seen } = follow();
    await follower.basis(async () => undefined);
    const slow = await connected();
    const quick = await connected();
    try {
      await slow.query('BEGIN');
      await slow.query('INSERT INTO changes (change) VALUES ($1)', [change('slow')]);
      await quick.query('BEGIN');
      await quick.query('INSERT INTO changes (change) VALUES ($1)', [change('quick')]);
      await quick.query('COMMIT');
      // 'quick' is committed, but 'slow' (a lower transaction id) is still open: neither may pass,
      // so however late the follower reads, it delivers 'slow' first — 'quick' delivered while
      // 'slow' was open would come first, and the order below would fail.
      follower.wake();
      await slow.query('COMMIT');
      follower.wake();
      await waitFor(() => expect(seen).toEqual(['slow', 'quick']));
    } finally {
      await slow.end();
      await quick.end();
      await follower.close();
    }
  });

  it('starts after a basis without the changes the basis already held, and misses none committed during it', async () => {
    await pool.query('INSERT INTO changes (change) VALUES ($1)', [change('before')]);
    const open = await connected();
    const { follower, seen } = follow();
    try {
      // Open across the basis: not in it, so the follower must deliver it once it commits.
      await open.query('BEGIN');
      await open.query('INSERT INTO changes (change) VALUES ($1)', [change('during')]);
      // Committed after the open one began, before the basis: in the basis, so never delivered.
      await pool.query('INSERT INTO changes (change) VALUES ($1)', [change('in-basis')]);
      const inBasis = await follower.basis(async (client) => (await client.query<{ change: string }>('SELECT change FROM changes')).rows.map((r) => JSON.parse(r.change).tag as string));
      expect(inBasis.sort()).toEqual(['before', 'in-basis', 'quick', 'slow']);
      await open.query('COMMIT');
      await pool.query('INSERT INTO changes (change) VALUES ($1)', [change('after')]);
      follower.wake();
      // A sentinel committed last is delivered last: anything the basis held, delivered late, would come before it.
      await pool.query('INSERT INTO changes (change) VALUES ($1)', [change('sentinel')]);
      follower.wake();
      await waitFor(() => expect(seen.at(-1)).toBe('sentinel'));
      expect(seen).toEqual(['during', 'after', 'sentinel']);
    } finally {
      await open.end();
      await follower.close();
    }
  });

  it('is woken by NOTIFY from another connection, and resolves a writer waiting for its own change', async () => {
    const { follower, seen } = follow();
    await follower.basis(async () => undefined);
    try {
      const writer = await connected();
      await writer.query('BEGIN');
      const { rows } = await writer.query<{ xid: string }>("INSERT INTO changes (change) VALUES ($1) RETURNING xid::text", [change('notified')]);
      await writer.query('NOTIFY fraudwall_changes');
      await writer.query('COMMIT');
      await writer.end();
      await follower.caughtUp(rows[0]!.xid);
      expect(seen).toEqual(['notified']);
    } finally {
      await follower.close();
    }
  });

  it('asks for a fresh basis when its listening connection was lost', async () => {
    const { follower, resyncs } = follow();
    await follower.basis(async () => undefined);
    try {
      await waitFor(async () => expect((await pool.query("SELECT 1 FROM pg_stat_activity WHERE query LIKE 'LISTEN%'")).rowCount).toBe(1));
      await pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'");
      await waitFor(() => expect(resyncs.length).toBe(1), 10_000);
    } finally {
      await follower.close();
    }
  });
});
