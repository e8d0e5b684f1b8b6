// Silent feeds (issue 26), on the injected clock: each feed — the province's warnings, the
// city's, an upstream system's own key — carries its last arrival in the state; it turns silent
// after the floor (FRAUDWALL_FEED_SILENT_MINUTES) or, where it usually goes quiet longer from
// that hour of the week, after its usual silence over the previous four weeks; the `feed` rule
// sends it; a key's feed shows on the walls of its own area only. Runs on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedView, Snapshot } from '../../shared/protocol/wall-state';
import { SHAOXING, warning } from '../fixtures/events';
import { signIn, sourceKey, storeAccount, type SignedIn } from '../support/accounts';
import { addAlertTarget } from '../support/alert-targets';
import { FakeRobots } from '../support/fake-robots';
import { ManualClock, startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

// A Monday, a week before the Monday the tests end on.
const clock = new ManualClock(Date.parse('2026-11-23T01:00:00+08:00'));
let server: TestServer;
let robots: FakeRobots;
let admin: SignedIn;
let n = 0;

const feeds = async (scope = '330600') => ((await (await fetch(`${server.url}/api/v1/snapshot?scope=${scope}`)).json()) as Snapshot).feeds;
const feed = async (source: string, scope = '330600') => (await feeds(scope)).find((f) => f.source === source);
/** Waits for the watch to have read the feeds at the clock's time. */
const feedNow = (source: string, check: (f: FeedView | undefined) => void, scope = '330600') =>
  waitFor(async () => {
    const found = await feed(source, scope);
    check(found);
    return found;
  });
const arrive = (source: 'province' | 'city') => server.ingest([warning(`sf-${++n}`, new Date(clock.ms).toISOString(), { source })]);
/** Keqiao's platform, with its own key. */
const arriveWithKey = (token: string) => server.post([warning(`330603:sf-${++n}`, new Date(clock.ms).toISOString(), { source: 'city', county: SHAOXING.keqiao })], { token });

beforeAll(async () => {
  robots = await FakeRobots.start();
  server = await startServer({ clock, alertTiming: { roundEveryMs: 100, rulesEveryMs: 200, backoffMs: [200], feedWatchEveryMs: 100 } });
  await storeAccount(server, 'sx.admin', 'admin', '330600', clock.ms);
  admin = await signIn(server.url, 'sx.admin');
  await addAlertTarget(server.url, admin, { name: '技术值班群', kind: 'dingtalk', url: robots.dingtalk('tech'), scope: '330600', rules: ['feed'] });
});
afterAll(async () => {
  await server.destroy();
  await robots.close();
});

describe('silent feeds', () => {
  it('waits longer where the feed usually goes quiet longer from that hour of the week', async () => {
    // Last Monday the city's feed went quiet from 01:00 to 03:00; this Monday it is quiet from 01:00 again.
    await arrive('city');
    clock.set('2026-11-23T03:00:00+08:00');
    await arrive('city');
    clock.set('2026-11-30T01:00:00+08:00');
    await arrive('city');
    clock.set('2026-11-30T01:45:00+08:00');
    await feedNow('city', (f) => expect(f).toMatchObject({ silent: false, quietMinutes: 120 }));
    clock.set('2026-11-30T03:01:00+08:00');
    await feedNow('city', (f) => expect(f?.silent).toBe(true));
  });

  it('carries each feed’s last arrival, and turns it silent after the floor', async () => {
    clock.set('2026-11-30T09:00:00+08:00');
    await arrive('province');
    await arrive('city');
    await feedNow('province', (f) => expect(f).toMatchObject({ name: '省厅下发', lastAt: '2026-11-30T09:00:00.000+08:00', silent: false, quietMinutes: 30 }));
    await feedNow('city', (f) => expect(f).toMatchObject({ name: '市平台', silent: false }));
    clock.set('2026-11-30T09:29:00+08:00');
    await arrive('city');
    clock.set('2026-11-30T09:31:00+08:00');
    await feedNow('province', (f) => expect(f?.silent).toBe(true));
    expect((await feed('city'))?.silent).toBe(false);
    // Every wall of the region shows the province's feed: a county's figures come from it too.
    expect((await feed('province', SHAOXING.zhuji))?.silent).toBe(true);
  });

  it('sends the silence to the targets that ask for feeds, once per silence', async () => {
    clock.set('2026-11-30T09:45:00+08:00');
    const message = await waitFor(() => {
      const found = robots.takenBy('dingtalk:tech').find((m) => m.text.includes('省厅下发'));
      expect(found).toBeDefined();
      return found!;
    }, 10_000);
    expect(message.text).toContain('【反诈预警】数据源静默 · 省厅下发');
    expect(message.text).toMatch(/已 (3[1-9]|4[0-5]) 分钟无数据（最后一条 09:00；此时段通常最长静默 30 分钟）/);
    await arrive('province');
    await feedNow('province', (f) => expect(f?.silent).toBe(false));
  });

  it('follows an upstream system’s own key on the walls of its area only', async () => {
    clock.set('2026-11-30T10:00:00+08:00');
    // A week later by the server's clock: the morning's session has long ended.
    admin = await signIn(server.url, 'sx.admin');
    const key = await sourceKey(server.url, admin, 'kq.platform', SHAOXING.keqiao);
    expect((await arriveWithKey(key)).status).toBe(200);
    await feedNow('key:kq.platform', (f) => expect(f).toMatchObject({ name: 'kq.platform', silent: false }), SHAOXING.keqiao);
    expect(await feed('key:kq.platform', '330600')).toBeDefined();
    expect(await feed('key:kq.platform', SHAOXING.zhuji)).toBeUndefined();
  });
});
