// A robot unreachable for two real minutes (issue 26), with the production backoff (5, 10, 20,
// 40, then every 60 s): nothing is lost meanwhile, the target shows failing, and once it answers
// again everything that waited arrives — within the next attempt, and said once per alarm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertTargetView } from '../../shared/protocol/alert-target';
import { ALERT_TIMING } from '../../server/alerts/alert-desk';
import { contact, SHAOXING, warning } from '../fixtures/events';
import { asAccount, signIn, storeAccount, type SignedIn } from '../support/accounts';
import { addAlertTarget } from '../support/alert-targets';
import { FakeRobots } from '../support/fake-robots';
import { startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

let robots: FakeRobots;
let server: TestServer;
let admin: SignedIn;
const OUTAGE_MS = 120_000;

beforeAll(async () => {
  robots = await FakeRobots.start();
  // The production rounds and backoff; only the standing is read more often, to see `failing` soon.
  server = await startServer({ alertTiming: { ...ALERT_TIMING, standingEveryMs: 500 } });
  await storeAccount(server, 'sx.admin', 'admin', '330600', Date.now());
  admin = await signIn(server.url, 'sx.admin');
  await addAlertTarget(server.url, admin, { name: '值班长钉钉', kind: 'dingtalk', url: robots.dingtalk('chief'), scope: '330600', rules: ['overdue'] });
});
afterAll(async () => {
  await server.destroy();
  await robots.close();
});

describe('a robot unreachable for two minutes', () => {
  it('receives every alarm that waited once it answers again, each said once', async () => {
    robots.mode = 'http-503';
    const downAt = Date.now();
    const at = new Date(Date.now() - 45 * 60_000).toISOString();
    const ids = ['out-1', 'out-2', 'out-3'];
    await server.ingest(ids.flatMap((id) => [warning(id, at, { county: SHAOXING.keqiao }), contact(`${id}-c`, id, at, { county: SHAOXING.keqiao, result: 'unreachable' })]));
    const targets = async () => (await (await asAccount(server.url, admin, '/api/v1/alert-targets')).json()) as AlertTargetView[];
    await waitFor(async () => expect((await targets())[0]!.health).toMatchObject({ state: 'failing', pending: 3 }), 60_000);
    expect((await targets())[0]!.health.lastError).toMatch(/^HTTP 503/);
    // Two minutes down, however many times it was tried meanwhile.
    await waitFor(() => expect(Date.now() - downAt).toBeGreaterThanOrEqual(OUTAGE_MS), OUTAGE_MS + 5_000);
    expect(robots.taken).toEqual([]);
    robots.mode = 'ok';
    const upAt = Date.now();
    await waitFor(() => {
      for (const id of ids) expect(robots.takenBy('dingtalk:chief').filter((m) => m.text.includes(id))).toHaveLength(1);
    }, 75_000);
    // Within the longest wait between attempts, and a round.
    expect(Date.now() - upAt).toBeLessThan(60_000 + ALERT_TIMING.roundEveryMs * 2);
    await waitFor(async () => expect((await targets())[0]!.health).toMatchObject({ state: 'ok', pending: 0 }));
  }, 240_000);
});
