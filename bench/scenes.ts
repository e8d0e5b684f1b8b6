// scene_*: the room's hands on 500 walls (issue 25), each figure beside its baseline in the same
// run. 500 walls spread over the province as in province.ts (50 on the province, 20 on each city,
// 11 or 12 on each of 20 counties); for each of those 32 scopes in turn:
//  scene_push_p50_ms / _p99_ms    POST /api/v1/walls/scene (a notice) → the `direction` at each of
//                                 the scope's walls
//  scene_baseline_p50_ms / _p99_ms  the baseline: one warning posted in a county of the scope →
//                                 the delta carrying it at each of the scope's walls
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { RegionScopes, regionPack } from '../shared/region';
import { percentile } from './percentile';
import { startProvince, TOKEN, wallScopes } from './province';

const OPERATOR = 'bench-operator-token';
const SCOPES = new RegionScopes(regionPack('zhejiang'));

interface Wall {
  readonly scope: string;
  readonly counties: ReadonlySet<string>;
  readonly socket: Socket;
}

/** Each wall's wait from `start` until a message `event` for which `arrived` holds reaches it. */
function waits(walls: readonly Wall[], event: 'direction' | 'delta', arrived: (message: unknown) => boolean, start: () => Promise<void>): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    const sentAt = performance.now();
    const timeout = setTimeout(() => reject(new Error(`${walls.length - times.length} walls never got their ${event}`)), 10_000);
    for (const wall of walls) {
      const listener = (message: unknown) => {
        if (!arrived(message)) return;
        times.push(performance.now() - sentAt);
        wall.socket.off(event, listener);
        if (times.length < walls.length) return;
        clearTimeout(timeout);
        resolve(times);
      };
      wall.socket.on(event, listener);
    }
    start().catch(reject);
  });
}

const post = (url: string, token: string, pathname: string, body: unknown) =>
  fetch(`${url}${pathname}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

export async function sceneFigures(): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-scenes-'));
  const { app, url } = await startProvince(dir, { FRAUDWALL_OPERATOR_TOKEN: OPERATOR });
  const walls: Wall[] = wallScopes(true).map((scope) => ({
    scope,
    counties: new Set(SCOPES.get(scope)!.counties.map((c) => c.adcode)),
    socket: io(url, { transports: ['websocket'], forceNew: true, auth: { scope } }),
  }));
  await Promise.all(walls.map(({ socket }) => new Promise((resolve) => socket.once('snapshot', resolve))));
  const pushed: number[] = [];
  const baseline: number[] = [];
  try {
    for (const [i, scope] of [...new Set(walls.map((wall) => wall.scope))].entries()) {
      const own = walls.filter((wall) => wall.scope === scope);
      const text = `bench ${scope} ${Date.now()}`;
      pushed.push(
        ...(await waits(own, 'direction', (d) => (d as { scene?: { scene: { text?: string } } }).scene?.scene.text === text, async () => {
          const answer = await post(url, OPERATOR, '/api/v1/walls/scene', { scope, scene: { kind: 'message', text } });
          if (answer.status !== 201) throw new Error(`scene answered ${answer.status}`);
        })),
      );
      const county = [...own[0]!.counties][0]!;
      // No run of digits: an id that could hold a phone reaches walls masked (wall-ids.ts).
      const id = `bench-scene-baseline-${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`;
      baseline.push(
        ...(await waits(own, 'delta', (d) => JSON.stringify(d).includes(id), async () => {
          const answer = await post(url, TOKEN, '/api/v1/events', [{ id, type: 'warning', at: new Date().toISOString(), county, source: 'city', level: 'low', fraudType: 'rebate', victim: { phone: '13800000000' } }]);
          if (answer.status !== 200) throw new Error(`ingest answered ${answer.status}`);
        })),
      );
    }
  } finally {
    for (const { socket } of walls) socket.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const round = (ms: number) => Number(ms.toFixed(1));
  return {
    scene_push_p50_ms: round(percentile(pushed, 50)),
    scene_push_p99_ms: round(percentile(pushed, 99)),
    scene_baseline_p50_ms: round(percentile(baseline, 50)),
    scene_baseline_p99_ms: round(percentile(baseline, 99)),
    scene_vs_baseline_p99: Number((percentile(pushed, 99) / percentile(baseline, 99)).toFixed(2)),
  };
}
