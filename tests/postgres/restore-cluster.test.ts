// What a DBA does for a major-version upgrade or new hardware: pg_dump, then pg_restore into a
// fresh cluster. The change feed restored with the data carries the old cluster's transaction
// ids, which the new cluster hands out again: every new event must still reach the walls.
import { afterAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/protocol/wall-state';
import { warning } from '../fixtures/events';
import { createDatabase, HAS_POSTGRES, runPostgresTool, startPostgres, type Postgres } from '../support/postgres';
import { startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';
import { WallClient } from '../support/wall-client';

const BEFORE = 800;
const AFTER = 600;
const clusters: Postgres[] = [];
const servers: TestServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.destroy().catch(() => {});
  for (const cluster of clusters) cluster.destroy();
});

const at = () => new Date().toISOString();

describe.skipIf(!HAS_POSTGRES)('a database restored into a fresh PostgreSQL cluster', () => {
  it('brings every new event to the walls', async () => {
    const old = await startPostgres();
    clusters.push(old);
    const oldUrl = await createDatabase(old.url, 'fraudwall');
    const first = await startServer({ env: { FRAUDWALL_DATABASE_URL: oldUrl } });
    servers.push(first);
    // One transaction each: the feed holds changes stamped with hundreds of the old cluster's ids.
    for (let i = 0; i < BEFORE; i++) await first.ingest([warning(`old-${i}`, at())]);
    await first.close();
    const dump = runPostgresTool('pg_dump', ['-Fc', '-d', oldUrl]);

    const fresh = await startPostgres();
    clusters.push(fresh);
    const freshUrl = await createDatabase(fresh.url, 'fraudwall');
    runPostgresTool('pg_restore', ['--no-owner', '-d', freshUrl], dump);

    // The same node moved to the new cluster: its data dir holds the audit trail's key.
    const server = await startServer({ dataDir: first.dataDir, env: { FRAUDWALL_DATABASE_URL: freshUrl } });
    servers.push(server);
    const wall = new WallClient(server.url);
    try {
      await wall.connected();
      const warnings = () => (wall.state as unknown as Snapshot).today.warnings.total;
      expect(warnings()).toBe(BEFORE);
      for (let i = 0; i < AFTER; i++) await server.ingest([warning(`new-${i}`, at())]);
      await waitFor(() => expect(warnings()).toBe(BEFORE + AFTER), 15_000);
    } finally {
      wall.close();
    }
  }, 180_000);
});
