// The PostgreSQL the tests start for themselves (tests/support/postgres.ts): a cluster of its
// own on a free port, reached with the `pg` driver, that can be stopped and started again as an
// outage would, keeping what was committed.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_POSTGRES, startPostgres, type Postgres } from '../support/postgres';

let postgres: Postgres;

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(!HAS_POSTGRES)('the tests’ own PostgreSQL', () => {
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 60_000);
  afterAll(() => postgres?.destroy());

  it('serves a database of the test’s own over TCP', async () => {
    const [version] = await query<{ server_version_num: string }>(postgres.url, 'SHOW server_version_num');
    expect(Number(version?.server_version_num)).toBeGreaterThanOrEqual(130000);
    await query(postgres.url, 'CREATE DATABASE harness');
    await query(postgres.urlFor('harness'), 'CREATE TABLE kept (n integer); INSERT INTO kept VALUES (42)');
    expect(await query(postgres.urlFor('harness'), 'SELECT n FROM kept')).toEqual([{ n: 42 }]);
  });

  it('goes away when stopped and comes back with what was committed', async () => {
    postgres.stop();
    await expect(query(postgres.urlFor('harness'), 'SELECT 1')).rejects.toThrow(/ECONNREFUSED|connect/);
    postgres.start();
    expect(await query(postgres.urlFor('harness'), 'SELECT n FROM kept')).toEqual([{ n: 42 }]);
  }, 30_000);
});
