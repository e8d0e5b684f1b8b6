// Alarms reaching the duty chief (issue 26), against a local server that behaves as DingTalk's,
// WeCom's and Feishu's robots and a generic webhook document (tests/support/fake-robots.ts):
// a red escalation nobody claimed reaches its targets signed and repeats until claimed; 40 at
// once stay within a robot's 20 a minute, the rest in a digest, none lost; a robot's in-body
// refusal is not a delivery; a failing target is shown failing and receives everything once it
// recovers; a restart sends what waited, once. Alarm rounds and backoffs are shortened; the
// repeat is real time. Runs on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertTargetView } from '../../shared/protocol/alert-target';
import type { Snapshot } from '../../shared/protocol/wall-state';
import { contact, SHAOXING, warning } from '../fixtures/events';
import { asAccount, signIn, storeAccount, type SignedIn } from '../support/accounts';
import { addAlertTarget } from '../support/alert-targets';
import { FakeRobots } from '../support/fake-robots';
import { ManualClock, startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

const clock = new ManualClock(Date.parse('2026-11-27T10:00:00+08:00'));
const t = (hhmm: string) => `2026-11-27T${hhmm}:00+08:00`;
const TIMING = { roundEveryMs: 100, rulesEveryMs: 200, backoffMs: [300, 600, 900], standingEveryMs: 200 };
const SECRET = 'SEC-duty-chief-secret';
let robots: FakeRobots;
let server: TestServer;
let admin: SignedIn;
let operator: SignedIn;

/** Repeats every 3 s unless told otherwise. */
const start = (dataDir?: string, repeatMinutes = '0.05') =>
  startServer({
    clock,
    alertTiming: TIMING,
    env: { FRAUDWALL_ALERT_REPEAT_MINUTES: repeatMinutes, FRAUDWALL_PUBLIC_URL: 'https://fraudwall.sx.example/' },
    ...(dataDir ? { dataDir } : {}),
  });
const addTarget = (body: Record<string, unknown>) => addAlertTarget(server.url, admin, body);
const targets = async () => (await (await asAccount(server.url, admin, '/api/v1/alert-targets')).json()) as AlertTargetView[];
/** An escalation opened (unreachable) at `hhmm`, past the red threshold by 10:00. */
const escalate = (id: string, hhmm: string, county: string = SHAOXING.keqiao) =>
  server.ingest([warning(`${id}`, t(hhmm), { county, fraudType: 'police_impersonation' }), contact(`${id}-c`, id, t(hhmm), { county, result: 'unreachable' })]);

beforeAll(async () => {
  robots = await FakeRobots.start();
  server = await start();
  await storeAccount(server, 'sx.admin', 'admin', '330600', clock.ms);
  await storeAccount(server, 'sx.op', 'operator', '330600', clock.ms, undefined, '张三');
  admin = await signIn(server.url, 'sx.admin');
  operator = await signIn(server.url, 'sx.op');
});
afterAll(async () => {
  await server.destroy();
  await robots.close();
});

describe('overdue alarms', () => {
  it('reach every kind of robot signed, masked, with the link to claim it, for the county and the scopes above', async () => {
    await addTarget({ name: '绍兴钉钉', kind: 'dingtalk', url: robots.dingtalk('sx-duty', SECRET), secret: SECRET, scope: '330600', rules: ['overdue'] });
    await addTarget({ name: '柯桥企微', kind: 'wecom', url: robots.wecom('kq-key'), scope: SHAOXING.keqiao, rules: ['overdue'] });
    await addTarget({ name: '柯桥飞书', kind: 'feishu', url: robots.feishu('kq-hook', SECRET), secret: SECRET, scope: SHAOXING.keqiao, rules: ['overdue'] });
    await addTarget({ name: '柯桥网关', kind: 'webhook', url: robots.webhook('kq-gateway', SECRET), secret: SECRET, scope: SHAOXING.keqiao, rules: ['overdue'] });
    await addTarget({ name: '诸暨钉钉', kind: 'dingtalk', url: robots.dingtalk('zj-duty'), scope: SHAOXING.zhuji, rules: ['overdue'] });
    await addTarget({ name: '绍兴波次', kind: 'dingtalk', url: robots.dingtalk('sx-surge'), scope: '330600', rules: ['surge'] });
    const raisedAt = Date.now();
    await escalate('al-w1', '09:20');
    const taken = await waitFor(() => {
      const all = ['dingtalk:sx-duty', 'wecom:kq-key', 'feishu:kq-hook', 'webhook:kq-gateway'].map((robot) => robots.takenBy(robot)[0]);
      expect(all.every(Boolean)).toBe(true);
      return all;
    }, 60_000);
    expect(Math.max(...taken.map((m) => m!.atMs)) - raisedAt).toBeLessThan(60_000);
    for (const message of taken) {
      expect(message!.text).toContain('超时未认领 · 绍兴市柯桥区');
      expect(message!.text).toContain('al-w1（冒充公检法）');
      expect(message!.text).toContain('138****1234 刘*');
      expect(message!.text).not.toContain('13812341234');
      expect(message!.text).not.toContain('刘洋');
      expect(message!.text).toContain('09:20 打不通升级，已 40 分钟无人认领、无进展');
      expect(message!.text).toContain('https://fraudwall.sx.example/console?escalation=al-w1');
    }
    // Not Zhuji's robot, and not a robot that asked only for surges.
    expect(robots.takenBy('dingtalk:zj-duty')).toEqual([]);
    expect(robots.takenBy('dingtalk:sx-surge')).toEqual([]);
    // Every signed request passed the services' checks: nothing was refused.
    expect(robots.attempts.filter((a) => a.code !== 0 && a.status !== 204)).toEqual([]);
  });

  it('repeats while nobody claims it, and stops once someone does', async () => {
    await waitFor(() => expect(robots.takenBy('dingtalk:sx-duty').length).toBeGreaterThanOrEqual(2), 30_000);
    const claimed = await asAccount(server.url, operator, '/api/v1/escalations/al-w1/claim', { method: 'POST', csrf: true });
    expect(claimed.status).toBe(201);
    const afterClaim = robots.takenBy('dingtalk:sx-duty').length;
    // Another alarm's repeats prove the rounds go on; al-w1's stop.
    await escalate('al-w2', '09:25');
    await waitFor(() => expect(robots.takenBy('dingtalk:sx-duty').filter((m) => m.text.includes('al-w2')).length).toBeGreaterThanOrEqual(2), 30_000);
    expect(robots.takenBy('dingtalk:sx-duty').filter((m) => m.text.includes('al-w1')).length).toBeLessThanOrEqual(afterClaim);
    await asAccount(server.url, operator, '/api/v1/escalations/al-w2/claim', { method: 'POST', csrf: true });
  });

  it('records each message in the audit trail with its outcome, never the robot’s key', async () => {
    const audit = await (await asAccount(server.url, admin, '/api/v1/audit?action=alert-message')).text();
    expect(audit).toContain('绍兴钉钉');
    expect(audit).toContain('"result":"sent"');
    expect(audit).not.toContain('sx-duty');
    expect(audit).not.toContain(SECRET);
  });
});

describe('a busy evening', () => {
  it('sends 40 escalations turning red at once as at most 20 requests in the first minute, every one of them in a message or the digest', async () => {
    await addTarget({ name: '上虞钉钉', kind: 'dingtalk', url: robots.dingtalk('sy-duty'), scope: SHAOXING.shangyu, rules: ['overdue'] });
    const ids = Array.from({ length: 40 }, (_, i) => `sy-${String(i).padStart(2, '0')}`);
    const started = Date.now();
    await server.ingest(ids.flatMap((id, i) => [warning(id, t('09:10'), { county: SHAOXING.shangyu, victim: { phone: `1390000${String(i).padStart(4, '0')}` } }), contact(`${id}-c`, id, t('09:10'), { county: SHAOXING.shangyu, result: 'unreachable' })]));
    const digest = await waitFor(() => {
      const found = robots.takenBy('dingtalk:sy-duty').find((m) => m.text.includes('汇总'));
      expect(found).toBeDefined();
      return found!;
    }, 30_000);
    const firstMinute = robots.takenBy('dingtalk:sy-duty').filter((m) => m.atMs - started < 60_000);
    expect(firstMinute.length).toBeLessThanOrEqual(20);
    expect(robots.attempts.filter((a) => a.robot === 'dingtalk:sy-duty' && a.code === 130101)).toEqual([]);
    const single = firstMinute.filter((m) => !m.text.includes('汇总'));
    expect(single.length).toBe(19);
    // The digest lists ten and counts the rest: 19 + 10 + 11 = 40, each once.
    const listed = ids.filter((id) => digest.text.includes(id));
    expect(listed.length).toBe(10);
    expect(digest.text).toContain('另有 11 起超时未认领');
    const alone = ids.filter((id) => single.some((m) => m.text.includes(id)));
    expect(alone.length).toBe(19);
    expect(new Set([...alone, ...listed]).size).toBe(29);
    const view = (await targets()).find((target) => target.name === '上虞钉钉')!;
    expect(view.health).toMatchObject({ state: 'ok', sent: 20, pending: 0 });
  });
});

describe('a target that fails', () => {
  it('does not count DingTalk’s in-body refusal (errcode 130101) as delivered', async () => {
    await addTarget({ name: '新昌钉钉', kind: 'dingtalk', url: robots.dingtalk('xc-duty'), scope: SHAOXING.xinchang, rules: ['overdue'] });
    robots.block('dingtalk:xc-duty');
    await escalate('xc-w1', '09:15', SHAOXING.xinchang);
    const failing = await waitFor(async () => {
      const view = (await targets()).find((target) => target.name === '新昌钉钉')!;
      expect(view.health.state).toBe('failing');
      return view;
    }, 30_000);
    expect(failing.health.sent).toBe(0);
    expect(failing.health.pending).toBeGreaterThanOrEqual(1);
    expect(failing.health.lastError).toMatch(/^errcode 130101 发送过快/);
    expect(robots.takenBy('dingtalk:xc-duty')).toEqual([]);
    // The walls of the area it covers say so, the city's and Xinchang's; Keqiao's do not.
    const alerting = async (scope: string) => ((await (await fetch(`${server.url}/api/v1/snapshot?scope=${scope}`)).json()) as Snapshot).alerting;
    await waitFor(async () => expect((await alerting(SHAOXING.xinchang))?.failing.map((f) => [f.name, f.scopeName])).toEqual([['新昌钉钉', '新昌县']]));
    expect((await alerting('330600'))?.failing[0]?.error).toMatch(/^errcode 130101/);
    expect(await alerting(SHAOXING.keqiao)).toBeUndefined();
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/fraudwall_alert_pending_messages\{target="新昌钉钉"\} [1-9]/);
    expect(metrics).toMatch(/fraudwall_alert_failed_attempts\{target="新昌钉钉"\} [3-9]/);
    robots.unblock('dingtalk:xc-duty');
    // Everything that waited — the alarm and its repeats while refused — in one message, its newest words.
    await waitFor(() => expect(robots.takenBy('dingtalk:xc-duty').length).toBeGreaterThanOrEqual(1), 30_000);
    expect(robots.takenBy('dingtalk:xc-duty')[0]!.text).toContain('xc-w1');
    await waitFor(async () => expect((await targets()).find((target) => target.name === '新昌钉钉')!.health.state).toBe('ok'));
    await waitFor(async () => expect(await alerting(SHAOXING.xinchang)).toBeUndefined());
  });

  it('receives everything once it answers again after failing for a while, and a restart sends what waited once', async () => {
    await addTarget({ name: '嵊州网关', kind: 'webhook', url: robots.webhook('sz-gateway'), scope: SHAOXING.shengzhou, rules: ['overdue'] });
    robots.mode = 'reset';
    await escalate('sz-w1', '09:05', SHAOXING.shengzhou);
    await escalate('sz-w2', '09:06', SHAOXING.shengzhou);
    await waitFor(async () => {
      const { health } = (await targets()).find((target) => target.name === '嵊州网关')!;
      expect(health.state).toBe('failing');
      expect(health.pending).toBeGreaterThanOrEqual(2);
    }, 30_000);
    expect((await targets()).find((target) => target.name === '嵊州网关')!.health.lastError).toBe('network: connection closed without an answer (UND_ERR_SOCKET)');
    // Restarted while it still fails: what waits is in the store, not in the old process.
    const { dataDir } = server;
    await server.close();
    robots.mode = 'ok';
    // This time with an hour's repeat, so that whatever arrives after is what waited, not a repeat.
    server = await start(dataDir, '60');
    admin = await signIn(server.url, 'sx.admin');
    await waitFor(() => {
      expect(robots.takenBy('webhook:sz-gateway').filter((m) => m.text.includes('sz-w1'))).toHaveLength(1);
      expect(robots.takenBy('webhook:sz-gateway').filter((m) => m.text.includes('sz-w2'))).toHaveLength(1);
    }, 30_000);
    // Rounds go on; what waited was sent once (its repeats while it failed rode along, not after).
    await server.app.alerts.runRound();
    await server.app.alerts.runRound();
    expect(robots.takenBy('webhook:sz-gateway')).toHaveLength(2);
    expect((await targets()).find((target) => target.name === '嵊州网关')!.health).toMatchObject({ state: 'ok', pending: 0, sent: 2 });
  });
});
