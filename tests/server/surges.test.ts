// Waves of fraud (issue 26), end to end on the injected clock: eight weeks of a usual Monday
// afternoon in Keqiao, then a wave of one fraud type — in the state of every wall that holds
// Keqiao (not Zhuji's), explained (count and baseline), sent to the targets that ask for surges
// within the first rules round, and listed in the day's surges the briefing reads. Noise and a
// handful are not waves. Runs on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot, WallStatus } from '../../shared/protocol/wall-state';
import { SHAOXING, warning } from '../fixtures/events';
import { signIn, storeAccount } from '../support/accounts';
import { addAlertTarget } from '../support/alert-targets';
import { FakeRobots } from '../support/fake-robots';
import { ManualClock, OPERATOR_TOKEN, startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

// A Monday afternoon: the last hour is the buckets from 13:40 to 14:39.
const NOW = Date.parse('2026-11-30T14:30:00+08:00');
const WEEK = 7 * 86_400_000;
const clock = new ManualClock(NOW);
let server: TestServer;
let robots: FakeRobots;
let n = 0;

const impersonation = (atMs: number, county: string = SHAOXING.keqiao) => warning(`su-${++n}`, new Date(atMs).toISOString(), { county, fraudType: 'police_impersonation' });
const surges = async (scope: string) => ((await (await fetch(`${server.url}/api/v1/snapshot?scope=${scope}`)).json()) as Snapshot).surges;

beforeAll(async () => {
  robots = await FakeRobots.start();
  server = await startServer({ clock, alertTiming: { roundEveryMs: 100, rulesEveryMs: 200, backoffMs: [200], surgeEveryMs: 200 }, env: { FRAUDWALL_PUBLIC_URL: 'https://fraudwall.sx.example' } });
  await storeAccount(server, 'sx.admin', 'admin', '330600', clock.ms);
  const admin = await signIn(server.url, 'sx.admin');
  await addAlertTarget(server.url, admin, { name: '研判群', kind: 'dingtalk', url: robots.dingtalk('analysis'), scope: '330600', rules: ['surge'] });
  // Eight Mondays before: 1–3 such warnings in Keqiao at this hour (median 2), other types besides.
  const usual = [1, 2, 1, 2, 2, 1, 3, 2];
  await server.ingest(
    usual.flatMap((count, k) => [
      ...Array.from({ length: count }, (_, i) => impersonation(NOW - (k + 1) * WEEK - 25 * 60_000 + i * 60_000)),
      warning(`su-other-${k}`, new Date(NOW - (k + 1) * WEEK - 20 * 60_000).toISOString(), { county: SHAOXING.keqiao, fraudType: 'rebate' }),
    ]),
  );
});
afterAll(async () => {
  await server.destroy();
  await robots.close();
});

describe('surges', () => {
  it('judges no wave until at least four of the eight weeks hold data: before them, the usual is unknown, not zero', async () => {
    const fresh = await startServer({ clock, alertTiming: { roundEveryMs: 100, rulesEveryMs: 200, backoffMs: [200], surgeEveryMs: 200 } });
    try {
      const snapshot = async () => ((await (await fetch(`${fresh.url}/api/v1/snapshot?scope=330600`)).json()) as Snapshot).surges;
      const week = (k: number) => warning(`fresh-${k}`, new Date(NOW - k * WEEK - 10 * 60_000).toISOString(), { county: SHAOXING.zhuji, fraudType: 'rebate' });
      await fresh.ingest([week(1), week(2), week(3), ...Array.from({ length: 9 }, (_, i) => impersonation(NOW - (i + 1) * 60_000))]);
      // Counted (the wave is there) and not judged.
      await fresh.app.surges.read();
      expect(await snapshot()).toEqual([]);
      await fresh.ingest([week(4)]);
      await waitFor(async () => expect((await snapshot()).map((s) => [s.scope, s.count, s.baseline])).toEqual([[SHAOXING.keqiao, 9, 1]]));
    } finally {
      await fresh.destroy();
    }
  });


  it('sees no wave in an ordinary hour, nor in a handful where none is usual', async () => {
    await server.ingest([impersonation(NOW - 30 * 60_000), impersonation(NOW - 20 * 60_000), ...[1, 2, 3, 4].map((i) => impersonation(NOW - i * 60_000, SHAOXING.zhuji))]);
    // The watch has counted this hour (Zhuji's four are there) and found nothing.
    await waitFor(async () => expect(await surges('330600')).toEqual([]));
  });

  it('shows a wave on the walls that hold its place, explained, and not elsewhere', async () => {
    await server.ingest(Array.from({ length: 7 }, (_, i) => impersonation(NOW - (i + 1) * 60_000)));
    const [surge] = await waitFor(async () => {
      const found = await surges(SHAOXING.keqiao);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(surge).toMatchObject({ scope: SHAOXING.keqiao, scopeName: '柯桥区', fraudType: 'police_impersonation', count: 9, baseline: 2 });
    expect(surge!.since).toBe('2026-11-30T14:30:00.000+08:00');
    // The city's wall shows Keqiao's wave, not a city-wide one it explains.
    expect((await surges('330600')).map((s) => s.scope)).toEqual([SHAOXING.keqiao]);
    expect(await surges(SHAOXING.zhuji)).toEqual([]);
    expect((await server.snapshot(OPERATOR_TOKEN)).surges).toHaveLength(1);
  });

  it('sends it to the targets that ask for surges, with the rule’s explanation', async () => {
    const message = await waitFor(() => {
      const found = robots.takenBy('dingtalk:analysis')[0];
      expect(found).toBeDefined();
      return found!;
    }, 120_000);
    expect(message.text).toContain('【反诈预警】诈骗波次 · 绍兴市柯桥区 · 冒充公检法');
    expect(message.text).toContain('近1小时 9 起，常态 2 起（前 8 周同一时段的中位数）');
    expect(message.text).toContain('https://fraudwall.sx.example/?scope=330603');
  });

  it('lists the day’s surges for the briefing, with each one’s largest hour', async () => {
    const status = async (scope: string) => (await (await fetch(`${server.url}/api/v1/status?scope=${scope}`)).json()) as WallStatus;
    await waitFor(async () => expect((await status('330600')).surgesToday).toMatchObject([{ scope: SHAOXING.keqiao, scopeName: '柯桥区', fraudType: 'police_impersonation', peak: 9, baseline: 2 }]));
    expect((await status(SHAOXING.zhuji)).surgesToday).toEqual([]);
    // An hour later the wave is over: off the walls, still in the day's list.
    clock.set('2026-11-30T15:45:00+08:00');
    await waitFor(async () => expect(await surges('330600')).toEqual([]));
    expect((await status('330600')).surgesToday).toHaveLength(1);
  });
});
