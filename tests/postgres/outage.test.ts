// PostgreSQL stopped under load (issue 13, "Database trouble"): ingest answers 503 and stores
// nothing half-way, /healthz answers 503, walls show within 6 s that data is not being recorded
// and recover by themselves within 5 s of the database's return; nothing acknowledged is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/protocol/wall-state';
import { createDatabase, HAS_POSTGRES, startPostgres, type Postgres } from '../support/postgres';
import { startSending } from '../support/retrying-sender';
import { storedIntegrity, storedRows } from '../support/stored';
import { startServer, type TestServer } from '../support/test-server';
import { WallClient } from '../support/wall-client';
import { waitFor } from '../support/wait-for';

let postgres: Postgres;
let node: TestServer;

const health = async () => (await fetch(`${node.url}/healthz`)).status;

describe.skipIf(!HAS_POSTGRES)('PostgreSQL stopped under load', () => {
  beforeAll(async () => {
    postgres = await startPostgres();
    node = await startServer({ env: { FRAUDWALL_DATABASE_URL: await createDatabase(postgres.url, 'outage') } });
  }, 60_000);
  afterAll(async () => {
    await node?.destroy();
    postgres?.destroy();
  });

  it('refuses with 503 while it is down, tells the walls, and recovers by itself with nothing acknowledged lost', async () => {
    const wall = new WallClient(node.url, undefined, { reconnect: true });
    await wall.connected();
    const sender = startSending(node.url, { eventsPerSecond: 200, idPrefix: 'outage' });
    try {
      await waitFor(() => expect(sender.acknowledged.size).toBeGreaterThan(200));

      const stoppedAt = Date.now();
      postgres.stop();
      await waitFor(() => expect(wall.heartbeats.at(-1)?.storage.ok).toBe(false), 6_000);
      expect(Date.now() - stoppedAt).toBeLessThan(6_000);
      expect(await health()).toBe(503);
      await waitFor(() => expect(sender.statuses.get(503)).toBeGreaterThan(0));
      const acknowledgedDuringOutage = sender.acknowledged.size;
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(sender.acknowledged.size).toBe(acknowledgedDuringOutage);

      const startedAt = Date.now();
      postgres.start();
      await waitFor(() => expect(wall.heartbeats.at(-1)?.storage.ok).toBe(true), 5_000);
      expect(Date.now() - startedAt).toBeLessThan(5_000);
      expect(await health()).toBe(200);
      await waitFor(() => expect(sender.acknowledged.size).toBeGreaterThan(acknowledgedDuringOutage + 200));
    } finally {
      await sender.stop();
    }

    // Everything acknowledged is stored, once; the rollups equal a recount; the wall counts it all.
    const ids = new Set((await storedRows<{ id: string }>(node, "SELECT id FROM events WHERE id LIKE 'outage-%'")).map((row) => row.id));
    expect([...sender.acknowledged].filter((id) => !ids.has(id))).toEqual([]);
    expect((await storedIntegrity(node, node.app.calendar)).differences).toEqual([]);
    await waitFor(() => expect((wall.state as unknown as Snapshot).today.warnings.total).toBe(ids.size));
    wall.close();
  }, 60_000);
});
