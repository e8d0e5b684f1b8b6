// Databases written by earlier releases (tests/fixtures/releases, NOTES.md says how each was
// made) open under the current code, on both engines: migrated forward, with every event, count,
// account, session and audit record as that release left them, its accounts signing in, and
// `npm run verify` passing against the release's own key and anchors.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PG_SCHEMA_VERSION } from '../../server/store/postgres/migrations';
import { SCHEMA_VERSION } from '../../server/store/sqlite/migrations';
import { signIn } from '../support/accounts';
import { createDatabase, HAS_POSTGRES, runPostgresTool, startPostgres, type Postgres } from '../support/postgres';
import { storedRows, type StoredIn } from '../support/stored';
import { OPERATOR_TOKEN, startServer, type TestServer } from '../support/test-server';
import { runVerify } from '../support/verify';

const FIXTURES = 'tests/fixtures/releases';
const releases = (engine: 'sqlite' | 'postgres') =>
  readdirSync(FIXTURES)
    .filter((name) => name.endsWith(`-${engine}`))
    .sort();

const servers: TestServer[] = [];
let cluster: Postgres | undefined;
afterAll(async () => {
  for (const server of servers) await server.destroy().catch(() => {});
  cluster?.destroy();
});

/** What must survive an upgrade, read straight from the database. */
async function contents(where: StoredIn) {
  const rows = <T>(sql: string) => storedRows<T>(where, sql);
  return {
    events: await rows<{ id: string; body: string }>('SELECT id, body FROM events ORDER BY seq'),
    // Issue 27 added calls by channel, recounted from the stored calls (verify proves them).
    rollups: await rows("SELECT day, county, metric, value FROM rollups WHERE metric NOT LIKE 'channel.%' ORDER BY day, county, metric"),
    accounts: await rows('SELECT username, role, scope, password_hash, disabled FROM accounts ORDER BY username'),
    sessions: await rows('SELECT id_hash, username, created_ms FROM sessions ORDER BY id_hash'),
    audit: await rows<{ seq: number; hash: string; action: string }>('SELECT seq, hash, action FROM audit ORDER BY seq'),
    deadLetters: await rows('SELECT received_ms, event_id, errors, event FROM rejected ORDER BY seq'),
  };
}

async function upgrades(release: string, where: StoredIn, schemaAfter: () => Promise<number>, expectedSchema: number): Promise<void> {
  const dir = path.join(FIXTURES, release);
  for (const file of ['audit.key', 'audit-anchors.jsonl']) copyFileSync(path.join(dir, file), path.join(where.dataDir, file));
  const before = await contents(where);
  expect(before.events).toHaveLength(9); // eight posted, one the operator's step
  expect(before.accounts).toHaveLength(2);
  expect(before.sessions).toHaveLength(1);
  expect(before.deadLetters).toHaveLength(1);

  const server = await startServer({ dataDir: where.dataDir, ...(where.databaseUrl ? { env: { FRAUDWALL_DATABASE_URL: where.databaseUrl } } : {}) });
  servers.push(server);
  expect(await schemaAfter()).toBe(expectedSchema);
  const after = await contents(where);
  expect(after.events).toEqual(before.events);
  expect(after.rollups).toEqual(before.rollups);
  expect(after.accounts).toEqual(before.accounts);
  expect(after.sessions).toEqual(before.sessions);
  expect(after.deadLetters).toEqual(before.deadLetters);
  // The release's records as it wrote them, then this start's.
  expect(after.audit.slice(0, before.audit.length)).toEqual(before.audit);
  expect(after.audit.slice(before.audit.length).map((r) => r.action)).toContain('start');
  // Its figures, its accounts' passwords, its open escalation.
  const stats = (await (await fetch(`${server.url}/api/v1/stats?from=2026-11-20&to=2026-11-20`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } })).json()) as {
    totals: { warnings: number };
  };
  expect(stats.totals.warnings).toBe(2);
  await signIn(server.url, 'chief');
  await server.close();
  const verified = await runVerify(where);
  expect(verified.code, verified.stdout).toBe(0);
  expect(verified.stdout).toMatch(/audit: OK — \d+ records, every one chained to the one before under the key; the newest of \d+ anchors still holds/);
}

describe('databases of earlier releases, on SQLite', () => {
  it.each(releases('sqlite'))('%s opens, migrated, with everything intact', async (release) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), `fraudwall-${release}-`));
    copyFileSync(path.join(FIXTURES, release, 'fraudwall.sqlite'), path.join(dataDir, 'fraudwall.sqlite'));
    const schema = async () => (await storedRows<{ user_version: number }>({ dataDir }, 'PRAGMA user_version'))[0]!.user_version;
    expect(await schema()).toBeLessThanOrEqual(SCHEMA_VERSION);
    await upgrades(release, { dataDir }, schema, SCHEMA_VERSION);
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);
});

describe.skipIf(!HAS_POSTGRES)('databases of earlier releases, on PostgreSQL', () => {
  it.each(releases('postgres'))('%s opens, migrated, with everything intact', async (release) => {
    cluster ??= await startPostgres();
    const databaseUrl = await createDatabase(cluster.url, release.replaceAll(/[.-]/g, '_'));
    runPostgresTool('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-d', databaseUrl], readFileSync(path.join(FIXTURES, release, 'database.sql')));
    const dataDir = mkdtempSync(path.join(tmpdir(), `fraudwall-${release}-`));
    const schema = async () => (await storedRows<{ version: number }>({ dataDir, databaseUrl }, 'SELECT version FROM schema_version'))[0]!.version;
    await upgrades(release, { dataDir, databaseUrl }, schema, PG_SCHEMA_VERSION);
    rmSync(dataDir, { recursive: true, force: true });
  }, 90_000);
});
