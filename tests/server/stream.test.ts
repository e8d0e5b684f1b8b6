// The socket stream: snapshot on connect, consecutive coalesced deltas whose patches rebuild
// exactly what a fresh snapshot shows, heartbeats, resync, and the viewer token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contact, escalation, warning } from '../fixtures/events';
import { startServer, VIEWER_TOKEN, OPERATOR_TOKEN, INGEST_TOKEN, type TestServer } from '../support/test-server';
import { WallClient, withWall } from '../support/wall-client';
import { waitFor } from '../support/wait-for';

let server: TestServer;
const recently = (i: number) => new Date(Date.now() - 120_000 + i).toISOString();
const comparable = (s: Record<string, unknown>) => {
  const { bootId: _b, seq: _s, asOf: _a, recent: _r, ...state } = s;
  return state;
};

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.destroy());

/**
 * Opens twelve escalations on `target`, then sends seven 10-event deltas that each move one of
 * them (so each resends the whole list): their median wire bytes, read from the wall's TCP
 * socket, and median JSON length.
 */
async function escalationDeltaSizes(target: TestServer): Promise<{ wire: number; json: number }> {
  await target.ingest(
    Array.from({ length: 12 }, (_, i) => [
      warning(`zip-w-${i}`, recently(i), { victim: { phone: `1391234${String(i).padStart(4, '0')}`, name: '王小明' } }),
      contact(`zip-c-${i}`, `zip-w-${i}`, recently(i + 1), { result: 'unreachable' }),
    ]).flat(),
  );
  const wire: number[] = [];
  const json: number[] = [];
  await withWall(target.url, async (wall) => {
    const tcp = wall.socket.io.engine.transport as unknown as { ws: { _socket: { bytesRead: number } } };
    for (let round = 0; round < 7; round++) {
      const before = tcp.ws._socket.bytesRead;
      const seq = wall.seq;
      await target.ingest([
        escalation(`zip-e-${round}`, `zip-w-${round}`, recently(100 + round), 'comms'),
        ...Array.from({ length: 9 }, (_, i) => warning(`zip-n-${round}-${i}`, recently(200 + round * 10 + i))),
      ]);
      target.app.broadcaster.flush();
      await waitFor(() => expect(wall.seq).toBe(seq + 1));
      wire.push(tcp.ws._socket.bytesRead - before);
      json.push(JSON.stringify(wall.deltas.at(-1)).length);
    }
  });
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { wire: median(wire), json: median(json) };
}


describe('stream', () => {
  it('sends a snapshot with the bootId on connect, then heartbeats at least every 2 s while nothing happens', async () => {
    await withWall(server.url, async (wall) => {
      expect(wall.snapshots[0]?.bootId).toBe(server.app.broadcaster.bootId);
      await waitFor(() => expect(wall.heartbeats.length).toBeGreaterThanOrEqual(3), 7_000);
      const gaps = wall.heartbeats.slice(1).map((hb, i) => hb.receivedAt - wall.heartbeats[i]!.receivedAt);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(2_000);
      expect(wall.heartbeats[0]?.serverTime).toMatch(/\+08:00$/);
    });
  });

  it('coalesces a burst of 5,000 events into a handful of consecutive deltas that rebuild the fresh snapshot', async () => {
    await withWall(server.url, async (wall) => {
      const startSeq = wall.seq;
      const events = Array.from({ length: 5_000 }, (_, i) =>
        i % 5 === 4 ? contact(`burst-c-${i}`, `burst-w-${i - 1}`, recently(i), { result: i % 500 === 9 ? 'unreachable' : 'dissuaded' }) : warning(`burst-w-${i}`, recently(i)),
      );
      for (let i = 0; i < events.length; i += 250) await server.ingest(events.slice(i, i + 250));
      const fresh = await server.snapshot();
      await waitFor(() => expect(wall.seq).toBe(fresh.seq));
      const burst = wall.deltas.filter((d) => d.seq > startSeq);
      expect(burst.map((d) => d.seq)).toEqual(burst.map((_, i) => startSeq + 1 + i));
      expect(wall.gaps).toBe(0);
      // 20 requests over a few hundred ms: a delta per 250 ms, not one per request or event.
      expect(burst.length).toBeLessThan(20);
      expect(burst.length).toBeGreaterThan(0);
      expect(wall.state).toEqual(comparable(fresh as never));
      expect((wall.state as { today: { warnings: { total: number } } }).today.warnings.total).toBe(4_000);
      // A delta carries changes and a few newest events, never the burst itself.
      for (const delta of burst) expect(JSON.stringify(delta).length).toBeLessThan(8_000);
      // Every frame the wall received shows the victims masked.
      const frames = wall.frames.join('\n');
      expect(frames).toContain('138****1234');
      expect(frames).not.toContain('13812341234');
      expect(frames).not.toContain('刘洋');
    });
  });

  it('heals a gap in seq: the wall asks to resync and the fresh snapshot puts it back in step', async () => {
    await withWall(server.url, async (wall) => {
      wall.dropNextDelta = true;
      await server.ingest([warning('gap-1', recently(0))]);
      await waitFor(() => expect(wall.dropNextDelta).toBe(false));
      await server.ingest([warning('gap-2', recently(1))]);
      await waitFor(() => expect(wall.snapshots).toHaveLength(2));
      expect(wall.gaps).toBe(1);
      await server.ingest([warning('gap-3', recently(2))]);
      const fresh = await server.snapshot();
      await waitFor(() => expect(wall.seq).toBe(fresh.seq));
      expect(wall.state).toEqual(comparable(fresh as never));
    });
  });

  it('emits deltas no faster than about 4 a second under a steady stream', async () => {
    await withWall(server.url, async (wall) => {
      const from = wall.deltas.length;
      const started = Date.now();
      for (let i = 0; i < 40; i++) {
        await server.ingest([warning(`steady-${i}`, recently(i))]);
        await new Promise((r) => setTimeout(r, 25));
      }
      await new Promise((r) => setTimeout(r, 300));
      const seconds = (Date.now() - started) / 1000;
      expect((wall.deltas.length - from) / seconds).toBeLessThanOrEqual(5);
    });
  });

  it('compresses the stream when configured: a 10-event delta that resends the open escalations crosses the wire in under 2 KB', async () => {
    const [plain, compressing] = await Promise.all([startServer(), startServer({ env: { FRAUDWALL_STREAM_COMPRESSION: '1' } })]);
    try {
      const uncompressed = await escalationDeltaSizes(plain!);
      const compressed = await escalationDeltaSizes(compressing!);
      // Uncompressed, such a delta is well over the goal; compressed, a fraction of it.
      expect(uncompressed.json).toBeGreaterThan(2_500);
      expect(uncompressed.wire).toBeGreaterThan(uncompressed.json * 0.9);
      expect(compressed.wire).toBeLessThan(2_048);
    } finally {
      await Promise.all([plain!.destroy(), compressing!.destroy()]);
    }
  });
});

describe('stream with a viewer token', () => {
  let guarded: TestServer;
  beforeAll(async () => {
    guarded = await startServer({ env: { FRAUDWALL_VIEWER_TOKEN: VIEWER_TOKEN } });
  });
  afterAll(() => guarded.destroy());

  it('refuses a socket without the token or with a wrong one, and accepts viewer and operator tokens', async () => {
    for (const token of [undefined, 'wrong-token-xyz', INGEST_TOKEN]) {
      const wall = new WallClient(guarded.url, token);
      await expect(wall.connected()).rejects.toThrow();
      wall.close();
    }
    for (const token of [VIEWER_TOKEN, OPERATOR_TOKEN]) {
      const wall = new WallClient(guarded.url, token);
      await wall.connected();
      wall.close();
    }
  });

  it('guards GET /api/v1/snapshot the same way', async () => {
    expect((await fetch(`${guarded.url}/api/v1/snapshot`)).status).toBe(401);
    const ingestOnly = await fetch(`${guarded.url}/api/v1/snapshot`, { headers: { authorization: `Bearer ${INGEST_TOKEN}` } });
    expect(ingestOnly.status).toBe(403);
    expect((await guarded.snapshot(VIEWER_TOKEN)).seq).toBeGreaterThanOrEqual(0);
  });
});
