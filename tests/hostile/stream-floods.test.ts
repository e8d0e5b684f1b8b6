// Bounded whatever a socket sends: snapshots are paced to one a second per socket and shared,
// a socket that floods is disconnected, one that does not take its data is dropped, handshakes
// from other sites' pages are refused, and one address can open only so many sockets — while
// every other wall keeps its heartbeat.
import { afterEach, describe, expect, it } from 'vitest';
import { FLOOD_MESSAGES } from '../../server/stream/stream-limits';
import { warning } from '../fixtures/events';
import { capturingLogger, startServer, type TestServer } from '../support/test-server';
import { WallClient } from '../support/wall-client';
import { waitFor } from '../support/wait-for';
import { io } from 'socket.io-client';

let server: TestServer | undefined;
const walls: WallClient[] = [];
afterEach(async () => {
  for (const wall of walls.splice(0)) wall.close();
  await server?.destroy();
  server = undefined;
});
const wallOf = (url: string, options?: ConstructorParameters<typeof WallClient>[2]) => {
  const wall = new WallClient(url, undefined, options);
  walls.push(wall);
  return wall;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const recently = (i: number) => new Date(Date.now() - 60_000 + i).toISOString();

describe('a flooding socket', () => {
  it('gets at most one snapshot a second, and is disconnected once it floods, while other walls stay live', async () => {
    server = await startServer();
    const bystander = wallOf(server.url);
    const asker = wallOf(server.url);
    await Promise.all([bystander.connected(), asker.connected()]);

    // Below the flood limit: ten asks in a second are answered, but not ten times.
    for (let i = 0; i < 10; i++) {
      asker.socket.emit('resync');
      await sleep(100);
    }
    await sleep(1_200);
    expect(asker.snapshots.length).toBeGreaterThanOrEqual(2);
    expect(asker.snapshots.length).toBeLessThanOrEqual(3);
    expect(asker.socket.connected).toBe(true);

    const flooder = wallOf(server.url);
    await flooder.connected();
    const dropped = new Promise<string>((resolve) => flooder.socket.once('disconnect', resolve));
    const heartbeatsBefore = bystander.heartbeats.length;
    for (let i = 0; i < 5_000; i++) flooder.socket.emit('resync');
    expect(await dropped).toBe('io server disconnect');
    expect(flooder.snapshots.length).toBeLessThanOrEqual(2);
    await sleep(2_500);
    const gaps = bystander.heartbeats.slice(heartbeatsBefore).map((hb, i, all) => (i === 0 ? 0 : hb.receivedAt - all[i - 1]!.receivedAt));
    expect(gaps.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...gaps)).toBeLessThan(1_600);
    expect(FLOOD_MESSAGES).toBeLessThan(5_000);
  });

  it('is disconnected when one message is larger than a wall ever sends', async () => {
    server = await startServer();
    const wall = wallOf(server.url);
    await wall.connected();
    const dropped = new Promise<string>((resolve) => wall.socket.once('disconnect', resolve));
    (wall.socket as unknown as { emit(event: string, payload: string): void }).emit('resync', 'x'.repeat(100_000));
    expect(await dropped).toMatch(/transport close|io server disconnect/);
  });
});

describe('a socket that does not take its data', () => {
  it('is dropped once its unsent data passes the bound, and the server says so', async () => {
    const { logger, lines } = capturingLogger();
    server = await startServer({ logger, unsentBytesPerSocket: 8 * 1024 });
    const base = `${server.url}/socket.io/?EIO=4&transport=polling`;
    // An engine.io client by hand: handshake, join the namespace, take one poll, then never poll again.
    const open = await (await fetch(base)).text();
    const sid = (JSON.parse(open.slice(1)) as { sid: string }).sid;
    await fetch(`${base}&sid=${sid}`, { method: 'POST', body: '40' });
    await (await fetch(`${base}&sid=${sid}`)).text();
    for (let round = 0; round < 40 && !lines.some((l) => l['msg'] === 'wall socket is not taking its data; dropped'); round++) {
      await server.ingest(Array.from({ length: 12 }, (_, i) => warning(`stuck-${round}-${i}`, recently(round * 12 + i))));
      await sleep(300);
    }
    expect(lines.some((l) => l['msg'] === 'wall socket is not taking its data; dropped')).toBe(true);
    // The session is gone: a poll gets at most the closing packets it was owed, then "Session ID unknown".
    await waitFor(async () => expect((await fetch(`${base}&sid=${sid}`)).status).toBe(400), 3_000);
  });
});

describe('handshakes', () => {
  it('refuses pages of another origin, and admits the server’s own and the configured ones', async () => {
    server = await startServer({ env: { FRAUDWALL_ALLOWED_ORIGINS: 'http://wall.example:8080' } });
    const attempt = (origin: string) =>
      new Promise<boolean>((resolve) => {
        const socket = io(server!.url, { transports: ['polling'], forceNew: true, reconnection: false, extraHeaders: { origin } });
        socket.once('snapshot', () => (socket.close(), resolve(true)));
        socket.once('connect_error', () => (socket.close(), resolve(false)));
      });
    expect(await attempt('http://evil.example')).toBe(false);
    expect(await attempt(server.url)).toBe(true);
    expect(await attempt('http://wall.example:8080')).toBe(true);
  });

  it('admits at most FRAUDWALL_MAX_SOCKETS_PER_ADDRESS sockets from one address at once', async () => {
    server = await startServer({ env: { FRAUDWALL_MAX_SOCKETS_PER_ADDRESS: '3' } });
    const first = [wallOf(server.url), wallOf(server.url), wallOf(server.url)];
    await Promise.all(first.map((w) => w.connected()));
    const fourth = wallOf(server.url);
    await expect(fourth.connected()).rejects.toThrow();
    first[0]!.close();
    await waitFor(async () => {
      const fifth = wallOf(server!.url);
      await fifth.connected();
    });
  });
});
