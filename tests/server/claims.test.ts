// Owning an alarm (issue 25): POST/DELETE /api/v1/escalations/:warningId/claim, the takeover by
// a step, the holder on the wall's card and in the console's list, the unclaimed count the
// wall's banner shows, and a race between two operators. Runs on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperatorEscalation } from '../../shared/protocol/operator-view';
import { contact, SHAOXING, warning } from '../fixtures/events';
import { asAccount, signIn, storeAccount, type SignedIn } from '../support/accounts';
import { ManualClock, OPERATOR_TOKEN, startServer, type TestServer } from '../support/test-server';

const clock = new ManualClock(Date.parse('2026-11-27T10:00:00+08:00'));
const t = (hhmm: string) => `2026-11-27T${hhmm}:00+08:00`;
let server: TestServer;
let zhang: SignedIn;
let li: SignedIn;
let keqiao: SignedIn;
let leader: SignedIn;
let admin: SignedIn;

const claim = (who: SignedIn, warningId: string, method: 'POST' | 'DELETE' = 'POST') =>
  asAccount(server.url, who, `/api/v1/escalations/${warningId}/claim`, { method, csrf: true });
const card = async (warningId: string) => (await server.snapshot(OPERATOR_TOKEN)).activeEscalations.find((e) => e.warningId === warningId);
const consoleList = async (who: SignedIn) => (await (await asAccount(server.url, who, '/api/v1/escalations')).json()) as OperatorEscalation[];

beforeAll(async () => {
  server = await startServer({ clock });
  await storeAccount(server, 'op.zhang', 'operator', '330600', clock.ms, undefined, '张三');
  await storeAccount(server, 'op.li', 'operator', '330600', clock.ms, undefined, '李四');
  await storeAccount(server, 'kq.op', 'operator', SHAOXING.keqiao, clock.ms);
  await storeAccount(server, 'sx.leader', 'leader', '330600', clock.ms);
  await storeAccount(server, 'sx.admin', 'admin', '330600', clock.ms);
  zhang = await signIn(server.url, 'op.zhang');
  li = await signIn(server.url, 'op.li');
  keqiao = await signIn(server.url, 'kq.op');
  leader = await signIn(server.url, 'sx.leader');
  admin = await signIn(server.url, 'sx.admin');
  await server.ingest([
    warning('cl-w1', t('09:00'), { county: SHAOXING.keqiao }),
    contact('cl-c1', 'cl-w1', t('09:05'), { county: SHAOXING.keqiao, result: 'unreachable' }),
    warning('cl-w2', t('09:10'), { county: SHAOXING.zhuji }),
    contact('cl-c2', 'cl-w2', t('09:12'), { county: SHAOXING.zhuji, result: 'unreachable' }),
    warning('cl-w3', t('09:20'), { county: SHAOXING.zhuji }),
    contact('cl-c3', 'cl-w3', t('09:21'), { county: SHAOXING.zhuji, result: 'unreachable' }),
  ]);
});
afterAll(() => server.destroy());

describe('claims', () => {
  it('counts every escalation nobody holds or moved on: the banner 新增 N 起未认领, newest first', async () => {
    const { unclaimed } = await server.snapshot(OPERATOR_TOKEN);
    expect(unclaimed.count).toBe(3);
    expect(unclaimed.newest.map((e) => e.warningId)).toEqual(['cl-w3', 'cl-w2', 'cl-w1']);
  });

  it('records the claim: 201 naming the holder, the card shows their display name, the banner one fewer', async () => {
    const answer = await claim(zhang, 'cl-w1');
    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual({ warningId: 'cl-w1', holder: { username: 'op.zhang', name: '张三' } });
    expect((await card('cl-w1'))?.holder).toBe('张三');
    // The stage did not move: a claim is not a step.
    expect((await card('cl-w1'))?.step).toBe('opened');
    expect((await server.snapshot(OPERATOR_TOKEN)).unclaimed.count).toBe(2);
  });

  it('answers a second operator 409 naming the holder, and the holder again 200', async () => {
    const second = await claim(li, 'cl-w1');
    expect(second.status).toBe(409);
    const body = await second.json();
    expect(body.error).toBe('the escalation of cl-w1 is held by 张三 (op.zhang)');
    expect(body.holder).toEqual({ username: 'op.zhang', name: '张三' });
    expect((await claim(zhang, 'cl-w1')).status).toBe(200);
  });

  it('lets only a signed-in operator claim, inside their scope, with the CSRF token', async () => {
    expect((await claim(leader, 'cl-w2')).status).toBe(403);
    expect((await claim(admin, 'cl-w2')).status).toBe(403);
    expect((await claim(keqiao, 'cl-w2')).status).toBe(403);
    expect((await claim(keqiao, 'nobody')).status).toBe(404);
    const shared = await fetch(`${server.url}/api/v1/escalations/cl-w2/claim`, { method: 'POST', headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
    expect(shared.status).toBe(403);
    expect((await shared.json()).error).toMatch(/signed-in operator/);
    const device = await asAccount(server.url, admin, '/api/v1/accounts', { method: 'POST', csrf: true, body: JSON.stringify({ username: 'sx.wall', role: 'device', scope: '330600' }) });
    const { token } = (await device.json()) as { token: string };
    expect((await fetch(`${server.url}/api/v1/escalations/cl-w2/claim`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
    expect((await asAccount(server.url, li, '/api/v1/escalations/cl-w2/claim', { method: 'POST' })).status).toBe(403);
    expect((await card('cl-w2'))?.holder).toBeUndefined();
  });

  it('passes the hold to another operator who takes a step, and says so in the history', async () => {
    clock.set(t('10:02'));
    const step = await asAccount(server.url, li, '/api/v1/escalations/cl-w1/steps', { method: 'POST', csrf: true, body: JSON.stringify({ step: 'comms' }) });
    expect(step.status).toBe(201);
    expect((await card('cl-w1'))?.holder).toBe('李四');
    const listed = (await consoleList(li)).find((e) => e.warningId === 'cl-w1')!;
    expect(listed.holder).toEqual({ username: 'op.li', name: '李四' });
    expect(listed.people).toEqual({ 'op.li': '李四', 'op.zhang': '张三' });
    const claims = listed.history.filter((event) => event.type === 'claim');
    expect(claims.map((event) => [event.action, event.by, event.from])).toEqual([
      ['claim', 'op.zhang', undefined],
      ['takeover', 'op.li', 'op.zhang'],
    ]);
    // A claim is no news for the wall's ticker.
    expect((await server.snapshot(OPERATOR_TOKEN)).recent.some((event) => (event.type as string) === 'claim')).toBe(false);
  });

  it('releases only what the asker holds', async () => {
    const notTheirs = await claim(zhang, 'cl-w1', 'DELETE');
    expect(notTheirs.status).toBe(409);
    expect((await notTheirs.json()).error).toBe('the escalation of cl-w1 is held by 李四 (op.li), not by op.zhang');
    const released = await claim(li, 'cl-w1', 'DELETE');
    expect(released.status).toBe(200);
    expect(await released.json()).toEqual({ warningId: 'cl-w1', holder: null });
    expect((await card('cl-w1'))?.holder).toBeUndefined();
    expect((await claim(li, 'cl-w1', 'DELETE')).status).toBe(409);
  });

  it('ends the banner for an escalation moved on by a step, claimed or not', async () => {
    const before = (await server.snapshot(OPERATOR_TOKEN)).unclaimed.count;
    const step = await fetch(`${server.url}/api/v1/escalations/cl-w3/steps`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ step: 'comms', by: '值班长' }),
    });
    expect(step.status).toBe(201);
    expect((await server.snapshot(OPERATOR_TOKEN)).unclaimed.count).toBe(before - 1);
    // A shared token's step names nobody to hold it.
    expect((await card('cl-w3'))?.holder).toBeUndefined();
  });

  it('gives one 201 and one 409 when two operators claim at the same moment', async () => {
    const answers = await Promise.all([claim(zhang, 'cl-w2'), claim(li, 'cl-w2')]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const winner = answers[0]!.status === 201 ? '张三' : '李四';
    expect((await card('cl-w2'))?.holder).toBe(winner);
  });

  it('keeps every claim in the audit trail', async () => {
    const audit = (await (await asAccount(server.url, admin, '/api/v1/audit?limit=200')).json()) as { action: string; actor: string; object: string; result: string }[];
    const claims = audit.filter((record) => record.action === 'claim' || record.action === 'release');
    expect(claims).toEqual(expect.arrayContaining([
      expect.objectContaining({ action: 'claim', actor: 'op.zhang', object: 'cl-w1', result: '201' }),
      expect.objectContaining({ action: 'claim', actor: 'op.li', object: 'cl-w1', result: '409' }),
      expect.objectContaining({ action: 'release', actor: 'op.li', object: 'cl-w1', result: '200' }),
    ]));
  });

  it('keeps the hold across a restart: it is stored, not remembered', async () => {
    const holder = (await card('cl-w2'))?.holder;
    await server.close();
    server = await startServer({ clock, dataDir: server.dataDir, ...(server.databaseUrl ? { env: { FRAUDWALL_DATABASE_URL: server.databaseUrl } } : {}) });
    expect((await card('cl-w2'))?.holder).toBe(holder);
  });
});
