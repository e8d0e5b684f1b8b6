// A rolling upgrade on PostgreSQL: nodes of two releases on one database at once.
// - The previous release (v0.26.0, its own source from git) serves until this release's first
//   node migrates the schema (issue 27 changed it); then it stops within seconds, exit 2, both
//   versions named, and this release's node serves everything both took — walls included.
// - A node that finds the database migrated past it while it runs (a later release's first node
//   did it) stops within seconds: exit 2, both schema versions named (schema-watch.ts).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/protocol/wall-state';
import { PG_SCHEMA_VERSION } from '../../server/store/postgres/migrations';
import { warning } from '../fixtures/events';
import { createDatabase, HAS_POSTGRES, startPostgres, type Postgres } from '../support/postgres';
import { spawnServer, type ServerProcess } from '../support/server-process';
import { storedRows } from '../support/stored';
import { INGEST_TOKEN, startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';
import { WallClient } from '../support/wall-client';

/** v0.26.0: the release before this one (tests/fixtures/releases/NOTES.md). */
const PREVIOUS = '29bc37b';
const HAS_PREVIOUS = spawnSync('git', ['cat-file', '-e', `${PREVIOUS}^{commit}`]).status === 0;
if (!HAS_PREVIOUS) {
  if (process.env['CI'] === 'true') throw new Error(`commit ${PREVIOUS} (v0.26.0) is not in this clone under CI=true: .ci/run fetches the whole history`);
  console.warn(`\n!!! commit ${PREVIOUS} (v0.26.0) is not in this clone (a shallow one?): THE ROLLING UPGRADE FROM IT IS NOT TESTED\n`);
}

let cluster: Postgres | undefined;
const processes: ServerProcess[] = [];
const servers: TestServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const server of servers) await server.destroy().catch(() => {});
  for (const child of processes) child.child.kill('SIGKILL');
  cluster?.destroy();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const tempDir = (name: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), `fraudwall-${name}-`));
  dirs.push(dir);
  return dir;
};

/** The previous release's source, as its commit has it, with this checkout's packages. */
function previousRelease(): string {
  const dir = tempDir('v0.26.0');
  execFileSync('sh', ['-c', `git archive ${PREVIOUS} | tar -x -C "${dir}"`]);
  symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

const post = (url: string, ids: string[]) =>
  fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(ids.map((id) => warning(id, new Date().toISOString()))),
  });

describe.skipIf(!HAS_POSTGRES)('a rolling upgrade on PostgreSQL', () => {
  it.skipIf(!HAS_PREVIOUS)('stops the previous release’s node once this release has migrated, and serves all both took', async () => {
    cluster ??= await startPostgres();
    const url = await createDatabase(cluster.url, 'rolling');
    // One key for the cluster, as every node must share it: in one data dir here.
    const shared = tempDir('rolling-data');
    const old = await spawnServer(shared, 0, { FRAUDWALL_DATABASE_URL: url }, previousRelease());
    processes.push(old);
    expect((await post(old.url, ['old-1', 'old-2', 'old-3'])).status).toBe(200);
    const before = (await storedRows<{ version: number }>({ dataDir: shared, databaseUrl: url }, 'SELECT version FROM schema_version'))[0]!.version;
    expect(before).toBeLessThan(PG_SCHEMA_VERSION);
    const current = await startServer({ dataDir: shared, env: { FRAUDWALL_DATABASE_URL: url } });
    servers.push(current);
    const migrated = Date.now();
    expect(await old.exited).toBe(2);
    expect(Date.now() - migrated).toBeLessThan(15_000);
    expect(old.output()).toContain(`database schema version ${PG_SCHEMA_VERSION} is newer than this fraudwall (schema ${before})`);
    const wall = new WallClient(current.url);
    try {
      await wall.connected();
      expect((await post(current.url, ['new-1', 'new-2'])).status).toBe(200);
      await waitFor(() => expect((wall.state as unknown as Snapshot).today.warnings.total).toBe(5), 10_000);
    } finally {
      wall.close();
    }
  }, 120_000);

  it('stops a running node, exit 2 naming both versions, once a later release has migrated the database', async () => {
    cluster ??= await startPostgres();
    const url = await createDatabase(cluster.url, 'superseded');
    const dataDir = tempDir('superseded');
    const node = await spawnServer(dataDir, 0, { FRAUDWALL_DATABASE_URL: url });
    processes.push(node);
    expect((await post(node.url, ['before'])).status).toBe(200);
    // What the first node of a later release does as it starts.
    await storedRows({ dataDir, databaseUrl: url }, 'UPDATE schema_version SET version = $1', [PG_SCHEMA_VERSION + 1]);
    const started = Date.now();
    expect(await node.exited).toBe(2);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(node.output()).toContain(`database schema version ${PG_SCHEMA_VERSION + 1} is newer than this fraudwall (schema ${PG_SCHEMA_VERSION})`);
  }, 60_000);
});
