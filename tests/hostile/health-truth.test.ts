// Health tells the truth: /healthz answers 503 when a write would not be kept — the database
// file removed or replaced, the disk full — ingest then answers 503 instead of acknowledging,
// and the walls' heartbeat says so within seconds; a passing fault clears by itself.
import { copyFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../server/store/sqlite/open-database';
import { warning } from '../fixtures/events';
import { SMALL_DISK_AVAILABLE, smallDisk, type SmallDisk } from '../support/small-disk';
import { storeAccount, TEST_PASSWORD } from '../support/accounts';
import { startServer, type TestServer } from '../support/test-server';
import { WallClient } from '../support/wall-client';
import { waitFor } from '../support/wait-for';

let server: TestServer | undefined;
let wall: WallClient | undefined;
let disk: SmallDisk | undefined;
afterEach(async () => {
  wall?.close();
  await server?.destroy();
  disk?.unmount();
  [server, wall, disk] = [undefined, undefined, undefined];
});

const recently = (i: number) => new Date(Date.now() - 60_000 + i).toISOString();
const health = async () => {
  const answer = await fetch(`${server!.url}/healthz`);
  return { status: answer.status, body: (await answer.json()) as { ok: boolean; error?: string } };
};
const lastStorage = () => wall!.heartbeats.at(-1) as unknown as { storage: { ok: boolean; problem?: string } };

async function expectUnhealthy(problem: RegExp): Promise<void> {
  // At once for a write; /healthz within its probe's second.
  await waitFor(async () => expect(await health()).toEqual({ status: 503, body: { ok: false, error: expect.stringMatching(problem) } }), 2_000);
  const refused = await server!.post([warning(`h-refused-${Date.now()}`, recently(1))]);
  expect(refused.status).toBe(503);
  expect(((await refused.json()) as { error: string }).error).toMatch(/nothing was stored/);
  await waitFor(() => expect(lastStorage().storage).toEqual({ ok: false, problem: expect.stringMatching(problem) }), 6_000);
  const metrics = await (await fetch(`${server!.url}/metrics`)).text();
  expect(metrics).toMatch(/^fraudwall_store_healthy 0$/m);
}

describe('health', () => {
  it('turns bad at once when the database file is removed, and refuses to acknowledge into it', async () => {
    server = await startServer();
    wall = new WallClient(server.url);
    await wall.connected();
    await server.ingest([warning('h-1', recently(0))]);
    expect((await health()).status).toBe(200);
    await waitFor(() => expect(lastStorage().storage).toEqual({ ok: true }));

    rmSync(path.join(server.dataDir, DATABASE_FILE));
    await expectUnhealthy(/the database file was removed/);
  });

  it('turns bad when the database file is replaced by another', async () => {
    server = await startServer();
    await server.ingest([warning('h-2', recently(0))]);
    wall = new WallClient(server.url);
    await wall.connected();
    const file = path.join(server.dataDir, DATABASE_FILE);
    copyFileSync(file, `${file}.copy`);
    renameSync(`${file}.copy`, file);
    await expectUnhealthy(/the database file was replaced/);
  });

  it.skipIf(!SMALL_DISK_AVAILABLE)('turns bad while the disk is full and clears by itself once there is room', async () => {
    disk = smallDisk(32);
    server = await startServer({ dataDir: path.join(disk.dir, 'data') });
    wall = new WallClient(server.url);
    await wall.connected();
    await server.ingest([warning('h-3', recently(0))]);

    disk.fill(512 * 1024);
    await waitFor(async () => expect((await health()).status).toBe(503), 6_000);
    await expectUnhealthy(/the disk is full/);

    disk.free();
    await waitFor(async () => expect((await health()).status).toBe(200), 6_000);
    await waitFor(() => expect(lastStorage().storage).toEqual({ ok: true }), 6_000);
    expect(await server.ingest([warning('h-4', recently(2))])).toMatchObject({ accepted: 1 });
  });

  it.skipIf(!SMALL_DISK_AVAILABLE)('keeps a reserve the audit trail cannot take from ingest (issue 22)', async () => {
    disk = smallDisk(32);
    server = await startServer({ dataDir: path.join(disk.dir, 'data') });
    await storeAccount(server, 'disk.operator', 'operator', '330600', Date.now());
    // Between one reserve (3.2 MiB of 32) and two: ingest may still write, the audit trail may not.
    disk.fill(5 * 1024 * 1024);
    expect(await server.ingest([warning('h-5', recently(0))])).toMatchObject({ accepted: 1 });
    const signIn = () => fetch(`${server!.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'disk.operator', password: TEST_PASSWORD }) });
    const refused = await signIn();
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: string }).error).toMatch(/keeps its last 6\.4 MiB for ingest/);
    expect(refused.headers.get('set-cookie')).toBeNull();
    disk.free();
    expect((await signIn()).status).toBe(204);
  });
});
