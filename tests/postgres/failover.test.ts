// Failover (issue 13): two fraudwall processes on one PostgreSQL behind the shipped nginx site,
// 200 walls through nginx and 200 events/s from a sender that retries on any error. kill -9 one
// node: its walls reconnect through nginx to the other, resync and are live again within 5 s;
// nothing acknowledged is lost and `npm run verify` recounts the rollups equal. Then a rolling
// restart of both nodes in turn leaves no wall without a frame for more than 3 s.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/protocol/wall-state';
import { freePort } from '../support/free-port';
import { HAS_NGINX, startNginx, type Nginx } from '../support/nginx';
import { createDatabase, HAS_POSTGRES, startPostgres, type Postgres } from '../support/postgres';
import { startSending } from '../support/retrying-sender';
import { spawnServer, type ServerProcess } from '../support/server-process';
import { storedRows } from '../support/stored';
import { WallClient } from '../support/wall-client';
import { waitFor } from '../support/wait-for';

const WALLS = 200;
/** The shipped site's fail_timeout: how long nginx passes over a node that refused a connection. */
const NGINX_FAIL_TIMEOUT_MS = 2_000;
const run = promisify(execFile);

let postgres: Postgres;
let databaseUrl: string;
let dataDir: string;
let ports: number[];
/** Each node as soon as it has started: afterAll stops whatever started, even if beforeAll did not finish. */
const nodes: ServerProcess[] = [];
let nginx: Nginx;
const walls: WallClient[] = [];

const startNode = (port: number) => spawnServer(dataDir, port, { FRAUDWALL_DATABASE_URL: databaseUrl, FRAUDWALL_TRUST_PROXY: 'loopback' });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!HAS_POSTGRES || !HAS_NGINX)('two nodes behind nginx', () => {
  beforeAll(async () => {
    postgres = await startPostgres();
    databaseUrl = await createDatabase(postgres.url, 'failover');
    dataDir = mkdtempSync(path.join(tmpdir(), 'fraudwall-failover-'));
    ports = [await freePort(), await freePort()];
    await Promise.all(ports.map(async (port, i) => (nodes[i] = await startNode(port))));
    nginx = await startNginx(...ports);
    for (let i = 0; i < WALLS; i++) walls.push(new WallClient(nginx.url, undefined, { reconnect: true }));
    await Promise.all(walls.map((wall) => wall.connected()));
  }, 120_000);
  afterAll(async () => {
    for (const wall of walls) wall.close();
    for (const node of nodes) node.child.kill('SIGKILL');
    await nginx?.stop();
    postgres?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every wall live through a kill -9 and a rolling restart, losing nothing acknowledged', async () => {
    const sender = startSending(nginx.url, { eventsPerSecond: 200, idPrefix: 'fo' });
    try {
      await waitFor(() => expect(sender.acknowledged.size).toBeGreaterThan(400));

      // kill -9 one node: its walls come back through nginx on the other within 5 s.
      const snapshotsBefore = walls.map((wall) => wall.snapshots.length);
      const killedAt = Date.now();
      nodes[0]!.child.kill('SIGKILL');
      await nodes[0]!.exited;
      await pause(7_000);
      const afterKill = walls.map((wall) => wall.longestSilence(killedAt, killedAt + 7_000));
      expect(Math.max(...afterKill)).toBeLessThan(5_000);
      // Those that moved were resynced: a fresh snapshot since the kill.
      const moved = walls.filter((wall, i) => wall.snapshots.length > snapshotsBefore[i]!);
      expect(moved.length).toBeGreaterThan(WALLS / 4);

      // A rolling restart as README's Deploying describes it: the killed node comes back, then
      // each node in turn is stopped and started, the next only once this one is healthy and
      // nginx has had its fail_timeout to take it back.
      const restart = async (index: number) => {
        nodes[index] = await startNode(ports[index]!);
        await waitFor(async () => expect((await fetch(`${nodes[index]!.url}/healthz`)).status).toBe(200));
        await pause(NGINX_FAIL_TIMEOUT_MS + 500);
      };
      await restart(0);
      const rollingFrom = Date.now();
      for (const index of [0, 1]) {
        nodes[index]!.child.kill('SIGTERM');
        expect(await nodes[index]!.exited).toBe(0);
        await restart(index);
      }
      const rolling = walls.map((wall) => wall.longestSilence(rollingFrom, Date.now()));
      console.log(
        `failover: ${moved.length} of ${WALLS} walls moved after kill -9, longest silence ${Math.max(...afterKill)} ms; ` +
          `rolling restart: longest silence ${Math.max(...rolling)} ms; ${sender.acknowledged.size} events acknowledged so far`,
      );
      expect(Math.max(...rolling)).toBeLessThan(3_000);
    } finally {
      await sender.stop();
    }

    // Nothing acknowledged was lost, nothing counted twice, and the walls all show it.
    const stored = new Set((await storedRows<{ id: string }>({ dataDir, databaseUrl }, "SELECT id FROM events WHERE id LIKE 'fo-%'")).map((row) => row.id));
    expect([...sender.acknowledged].filter((id) => !stored.has(id))).toEqual([]);
    const verify = await run(process.execPath, ['--import', 'tsx', 'server/cli/verify.ts'], { env: { ...process.env, FRAUDWALL_DATABASE_URL: databaseUrl, FRAUDWALL_DATA_DIR: dataDir } });
    expect(verify.stdout).toMatch(/^verify: OK/);
    await waitFor(() => {
      for (const wall of walls) expect((wall.state as unknown as Snapshot).today.warnings.total).toBe(stored.size);
    }, 10_000);
  }, 120_000);
});
