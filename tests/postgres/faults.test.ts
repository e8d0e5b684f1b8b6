// PostgreSQL's failures, told apart with the real driver against the tests' own cluster: a
// connection refused or ended by a shutdown is the database's trouble (503, retry); a constraint
// violated or a statement that does not parse is a bug (500).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPostgresFault } from '../../server/store/postgres/faults';
import { freePort } from '../support/free-port';
import { HAS_POSTGRES, startPostgres, type Postgres } from '../support/postgres';

let postgres: Postgres;

async function failureOf(url: string, work: (client: pg.Client) => Promise<unknown>): Promise<unknown> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await work(client);
  } catch (error) {
    return error;
  } finally {
    await client.end().catch(() => {});
  }
  throw new Error('expected a failure');
}

describe.skipIf(!HAS_POSTGRES)('isPostgresFault', () => {
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 60_000);
  afterAll(() => postgres?.destroy());

  it('takes a refused connection and a connection ended by the server for the database’s trouble', async () => {
    const refused = await failureOf(`postgres://nobody@127.0.0.1:${await freePort()}/none`, async () => {});
    expect(isPostgresFault(refused)).toBe(true);
    // The server's FATAL 57P01 reaches the ended connection as an error event; its next query fails in the driver.
    const victim = new pg.Client({ connectionString: postgres.url });
    const told = new Promise<unknown>((resolve) => victim.on('error', resolve));
    await victim.connect();
    const { rows } = await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    await admin.end();
    const ended = await told;
    expect((ended as { code: string }).code).toBe('57P01');
    expect(isPostgresFault(ended)).toBe(true);
    const afterwards = await victim.query('SELECT 1').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(afterwards).toBeInstanceOf(Error);
    expect(isPostgresFault(afterwards)).toBe(true);
  });

  it('takes a constraint violated and a statement that does not parse for bugs', async () => {
    const conflict = await failureOf(postgres.url, async (client) => {
      await client.query('CREATE TEMP TABLE kept (id text PRIMARY KEY)');
      await client.query("INSERT INTO kept VALUES ('a'), ('a')");
    });
    expect((conflict as { code: string }).code).toBe('23505');
    expect(isPostgresFault(conflict)).toBe(false);
    const syntax = await failureOf(postgres.url, (client) => client.query('SELEKT 1'));
    expect((syntax as { code: string }).code).toBe('42601');
    expect(isPostgresFault(syntax)).toBe(false);
    expect(isPostgresFault(new TypeError('undefined is not a function'))).toBe(false);
  });
});
