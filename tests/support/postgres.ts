// A real PostgreSQL for the tests that need one (issue 13): Debian's `postgresql` binaries,
// `initdb` and `pg_ctl` on a temp dir and a free port, one throwaway cluster per test file.
// Tests skip loudly when the binaries are missing; under CI=true that is a failure (.ci/run
// installs them). PostgreSQL refuses to run as root: as root, the cluster runs as `postgres`.
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './free-port';
import { postgresBinaries } from './postgres-binaries';

const BINARIES = postgresBinaries();
export const HAS_POSTGRES = BINARIES !== undefined;

if (!HAS_POSTGRES) {
  if (process.env['CI'] === 'true') throw new Error('PostgreSQL (initdb, pg_ctl) is missing under CI=true: the PostgreSQL tests cannot run');
  console.warn('\n!!! PostgreSQL (initdb, pg_ctl) is missing: POSTGRESQL TESTS ARE SKIPPED. Install it: apt-get install -y postgresql\n');
}

const AS_ROOT = userInfo().uid === 0;
/** The account the cluster runs as when the tests run as root (the Debian package creates it). */
const SERVICE_USER = 'postgres';

/** Runs one of the cluster's tools (as `postgres` when the tests run as root); its stdout, `input` its stdin. */
export function runPostgresTool(binary: string, args: string[], input?: Buffer): Buffer {
  const command = path.join(BINARIES!, binary);
  const [file, argv] = AS_ROOT ? ['runuser', ['-u', SERVICE_USER, '--', command, ...args]] : [command, args];
  return execFileSync(file, argv, { stdio: 'pipe', maxBuffer: 1 << 30, ...(input ? { input } : {}) });
}


export interface Postgres {
  /** The cluster's maintenance database, as a connection URL. */
  readonly url: string;
  /** A connection URL for a database of that name (create it first, e.g. with `createDatabase`). */
  urlFor(database: string): string;
  /** Stops the server (as an outage would), keeping its files; `start` brings it back. */
  stop(): void;
  start(): void;
  /** Stops the server and removes its files. */
  destroy(): void;
}

const ROLE = 'fraudwall';

export async function startPostgres(): Promise<Postgres> {
  if (!HAS_POSTGRES) throw new Error('PostgreSQL is not installed');
  const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-postgres-'));
  const data = path.join(dir, 'data');
  if (AS_ROOT) chownSync(dir, Number(execFileSync('id', ['-u', SERVICE_USER], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', SERVICE_USER], { encoding: 'utf8' })));
  const port = await freePort();
  // Trust over loopback only: a throwaway cluster for one test file, reachable from nowhere else.
  runPostgresTool('initdb', ['-D', data, '-U', ROLE, '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => runPostgresTool('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', 'start']);
  const stop = () => runPostgresTool('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  const urlFor = (database: string) => `postgres://${ROLE}@127.0.0.1:${port}/${database}`;
  return {
    url: urlFor('postgres'),
    urlFor,
    stop,
    start,
    destroy() {
      try {
        stop();
      } catch {
        // Already stopped (a test stopped it and failed before starting it again).
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates an empty database in the cluster at `url` (its maintenance database). */
export async function createDatabase(url: string, name: string): Promise<string> {
  await maintenance(url, `CREATE DATABASE ${name}`);
  return Object.assign(new URL(url), { pathname: `/${name}` }).href;
}

/** Drops a database, ending any connection still open to it. */
export async function dropDatabase(url: string, name: string): Promise<void> {
  await maintenance(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

async function maintenance(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
