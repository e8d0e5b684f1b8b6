// 500 walls connected, the server restarted: every one reconnects by itself, resyncs, and holds
// exactly what a fresh snapshot shows, within 10 s.
import { afterAll, describe, expect, it } from 'vitest';
import { warning } from '../fixtures/events';
import { startServer, type TestServer } from '../support/test-server';
import { WallClient } from '../support/wall-client';
import { waitFor } from '../support/wait-for';

// All 500 walls connect from 127.0.0.1: more than one address may open by default.
const ROOM = { FRAUDWALL_MAX_SOCKETS_PER_ADDRESS: '1000' };

const WALLS = 500;
let server: TestServer | undefined;
const walls: WallClient[] = [];
afterAll(async () => {
  for (const wall of walls) wall.close();
  await server?.destroy();
});

describe('reconnect storm', () => {
  it(`brings ${WALLS} walls back in step after a restart`, async () => {
    server = await startServer({ env: ROOM });
    const at = new Date(Date.now() - 60_000).toISOString();
    await server.ingest([warning('storm-1', at)]);
    for (let i = 0; i < WALLS; i++) walls.push(new WallClient(server.url, undefined, { reconnect: true }));
    await Promise.all(walls.map((w) => w.connected()));
    const oldBoot = server.app.broadcaster.bootId;

    const { dataDir } = server;
    const port = new URL(server.url).port;
    await server.close();
    server = await startServer({ dataDir, env: { ...ROOM, PORT: port } });
    const restartedAt = Date.now();
    await server.ingest([warning('storm-2', at), warning('storm-3', at, { level: 'high' })]);

    const fresh = await server.snapshot();
    const { bootId: _b, seq: _s, asOf: _a, recent: _r, ...expected } = fresh;
    await waitFor(() => {
      for (const wall of walls) {
        expect(wall.snapshots.at(-1)?.bootId).not.toBe(oldBoot);
        expect(wall.state).toEqual(expected);
      }
    }, 10_000);
    expect(Date.now() - restartedAt).toBeLessThan(10_000);
    expect((expected as { today: { warnings: { total: number } } }).today.warnings.total).toBe(3);
  }, 60_000);
});
