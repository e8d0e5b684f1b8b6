// Scenes pushed to walls and playlists (issue 25), at the API and on real sockets: who may push
// where, what a wall is sent and when, and that it is stored — a wall that reconnects to a
// restarted server comes back in its scene. Runs on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushedScene, WallControlView } from '../../shared/protocol/wall-scene';
import type { WallListing } from '../../shared/protocol/wall-health';
import { contact, SHAOXING, warning } from '../fixtures/events';
import { asAccount, signIn, storeAccount, type SignedIn } from '../support/accounts';
import { ManualClock, OPERATOR_TOKEN, startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';
import { WallClient } from '../support/wall-client';

const clock = new ManualClock(Date.parse('2026-11-27T10:00:00+08:00'));
const t = (hhmm: string) => `2026-11-27T${hhmm}:00+08:00`;
let server: TestServer;
let operator: SignedIn;
let keqiaoOperator: SignedIn;
let leader: SignedIn;
let admin: SignedIn;
const tokens: Record<string, string> = {};
const walls: WallClient[] = [];

const push = (who: SignedIn, body: unknown, csrf = true) => asAccount(server.url, who, '/api/v1/walls/scene', { method: 'POST', csrf, body: JSON.stringify(body) });
const end = (who: SignedIn, scope: string) => asAccount(server.url, who, `/api/v1/walls/scene?scope=${scope}`, { method: 'DELETE', csrf: true });
const playlist = (who: SignedIn, body: unknown) => asAccount(server.url, who, '/api/v1/walls/playlist', { method: 'PUT', csrf: true, body: JSON.stringify(body) });

async function device(username: string, scope: string, displayName: string): Promise<void> {
  const added = await asAccount(server.url, admin, '/api/v1/accounts', { method: 'POST', csrf: true, body: JSON.stringify({ username, role: 'device', scope, displayName }) });
  expect(added.status).toBe(201);
  tokens[username] = ((await added.json()) as { token: string }).token;
}

async function wallOf(username: string): Promise<WallClient> {
  const wall = new WallClient(server.url, tokens[username]);
  walls.push(wall);
  await wall.connected();
  await waitFor(() => expect(wall.direction).toBeDefined());
  return wall;
}

beforeAll(async () => {
  server = await startServer({ clock });
  await storeAccount(server, 'sx.op', 'operator', '330600', clock.ms, undefined, '张三');
  await storeAccount(server, 'kq.op', 'operator', SHAOXING.keqiao, clock.ms);
  await storeAccount(server, 'sx.leader', 'leader', '330600', clock.ms, undefined, '王局');
  await storeAccount(server, 'sx.admin', 'admin', '330600', clock.ms);
  operator = await signIn(server.url, 'sx.op');
  keqiaoOperator = await signIn(server.url, 'kq.op');
  leader = await signIn(server.url, 'sx.leader');
  admin = await signIn(server.url, 'sx.admin');
  await device('sx.left', '330600', '会商室左屏');
  await device('sx.right', '330600', '会商室右屏');
  await device('kq.wall', SHAOXING.keqiao, '柯桥大屏');
  await server.ingest([
    warning('sc-w1', t('09:00'), { county: SHAOXING.keqiao }),
    contact('sc-c1', 'sc-w1', t('09:05'), { county: SHAOXING.keqiao, result: 'unreachable' }),
  ]);
});
afterAll(async () => {
  for (const wall of walls) wall.close();
  await server.destroy();
});

describe('scenes pushed to walls', () => {
  it('tells each wall who it is on connecting, and nothing else while the room has said nothing', async () => {
    const left = await wallOf('sx.left');
    expect(left.direction).toEqual({ device: { username: 'sx.left', name: '会商室左屏' } });
  });

  it('switches every wall of the scope within a second, and no wall of another scope', async () => {
    const [left, right, keqiao] = await Promise.all([wallOf('sx.left'), wallOf('sx.right'), wallOf('kq.wall')]);
    const sent = Date.now();
    const answer = await push(operator, { scope: '330600', scene: { kind: 'focus', adcode: SHAOXING.keqiao }, minutes: 20 });
    expect(answer.status).toBe(201);
    const pushed = (await answer.json()) as PushedScene;
    expect(pushed).toMatchObject({ scope: '330600', scene: { kind: 'focus', adcode: SHAOXING.keqiao }, by: '张三' });
    expect(Date.parse(pushed.until) - Date.parse(pushed.setAt)).toBe(20 * 60_000);
    for (const wall of [left, right]) {
      await waitFor(() => expect(wall.direction?.scene?.id).toBe(pushed.id), 1_000);
      expect(wall.directions.at(-1)!.receivedAt - sent).toBeLessThan(1_000);
    }
    expect(keqiao.direction?.scene).toBeUndefined();
  });

  it('lets the console see every wall of its scope with its device name and scene', async () => {
    const listed = (await (await asAccount(server.url, operator, '/api/v1/walls')).json()) as WallListing[];
    // A wall is listed once it has reported its health; these test sockets never do.
    expect(Array.isArray(listed)).toBe(true);
    const control = (await (await asAccount(server.url, operator, '/api/v1/walls/control')).json()) as WallControlView;
    expect(control.scenes.map((scene) => scene.scene.kind)).toEqual(['focus']);
  });

  it('pushes to the named devices only, and a live scene ends it', async () => {
    const [left, right] = await Promise.all([wallOf('sx.left'), wallOf('sx.right')]);
    const answer = await push(leader, { scope: '330600', devices: ['sx.right'], scene: { kind: 'message', text: '15:00 召开反诈工作例会' } });
    expect(answer.status).toBe(201);
    expect((await answer.json()).by).toBe('王局');
    await waitFor(() => expect(right.direction?.scene?.scene).toEqual({ kind: 'message', text: '15:00 召开反诈工作例会' }), 1_000);
    expect(left.direction?.scene).toBeUndefined();
    expect((await push(leader, { scope: '330600', scene: { kind: 'live' } })).status).toBe(200);
    await waitFor(() => expect(right.direction?.scene).toBeUndefined(), 1_000);
  });

  it('keeps a lasting scene beside a moment’s identify, and DELETE ends the lasting one', async () => {
    const left = await wallOf('sx.left');
    expect((await push(operator, { scope: '330600', scene: { kind: 'freeze' } })).status).toBe(201);
    expect((await push(operator, { scope: '330600', scene: { kind: 'identify' } })).status).toBe(201);
    await waitFor(() => {
      expect(left.direction?.scene?.scene.kind).toBe('freeze');
      expect(left.direction?.momentary?.scene.kind).toBe('identify');
    }, 1_000);
    const identify = left.direction!.momentary!;
    expect(Date.parse(identify.until) - Date.parse(identify.setAt)).toBe(10_000);
    expect((await end(operator, '330600')).status).toBe(200);
    await waitFor(() => expect(left.direction?.scene).toBeUndefined(), 1_000);
  });

  it('puts an escalation on the walls as its masked card', async () => {
    const answer = await push(operator, { scope: '330600', scene: { kind: 'escalation', warningId: 'sc-w1' } });
    expect(answer.status).toBe(201);
    const { card } = (await answer.json()) as PushedScene;
    expect(card).toMatchObject({ warningId: 'sc-w1', county: SHAOXING.keqiao, step: 'opened', phone: '138****1234', name: '刘*' });
    expect((await push(operator, { scope: '330600', scene: { kind: 'escalation', warningId: 'nobody' } })).status).toBe(404);
    expect((await push(keqiaoOperator, { scope: SHAOXING.keqiao, scene: { kind: 'escalation', warningId: 'sc-w1' } })).status).toBe(201);
    expect((await push(keqiaoOperator, { scope: SHAOXING.zhuji, scene: { kind: 'live' } })).status).toBe(403);
  });

  it('lets operators, leaders and admins of the scope push, and nobody else', async () => {
    const body = { scope: '330600', scene: { kind: 'briefing', period: 'month' } };
    const county = await push(keqiaoOperator, body);
    expect(county.status).toBe(403);
    expect((await county.json()).error).toBe(`scope: you direct the walls of 柯桥区 (${SHAOXING.keqiao}) only`);
    expect((await push(admin, body)).status).toBe(201);
    expect((await push(operator, body, false)).status).toBe(403);
    const byToken = (token: string) =>
      fetch(`${server.url}/api/v1/walls/scene`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await byToken(tokens['sx.left']!)).status).toBe(403);
    expect((await byToken(OPERATOR_TOKEN)).status).toBe(201);
  });

  it('refuses bad scenes naming the field', async () => {
    const refused = async (body: unknown, error: string | RegExp) => {
      const answer = await push(operator, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect((await answer.json()).error).toMatch(error);
    };
    await refused({ scope: '330600', scene: { kind: 'dance' } }, /^scene\.kind: must be one of live, briefing, focus, escalation, message, freeze, identify, reload/);
    await refused({ scope: '330600', scene: { kind: 'message', text: '通'.repeat(121) } }, /^scene\.text: must be at most 120 characters/);
    await refused({ scope: '330600', scene: { kind: 'message', text: '注意\u202e安全' } }, /^scene\.text: must not contain invisible or control characters \(found U\+202E\)/);
    await refused({ scope: '330600', scene: { kind: 'message', text: '  ' } }, /^scene\.text: must not be empty/);
    await refused({ scope: '330600', scene: { kind: 'briefing', period: 'decade' } }, /^scene\.period: must be one of today, week, month, year/);
    await refused({ scope: '330600', scene: { kind: 'freeze' }, minutes: 241 }, /^minutes: must be at most 240/);
    await refused({ scope: '330600', scene: { kind: 'freeze' }, minutes: 1.5 }, /^minutes: must be a whole number of minutes/);
    await refused({ scope: '330600', scene: { kind: 'focus', adcode: '330100' } }, /^scene\.adcode: must be a city or county inside 绍兴市 \(330600\)/);
    await refused({ scope: '330600', devices: ['kq.wall'], scene: { kind: 'freeze' } }, /^devices\[0\]: kq\.wall shows 330603, not 330600/);
    await refused({ scope: '330600', devices: ['nobody'], scene: { kind: 'freeze' } }, /^devices\[0\]: there is no enabled device account nobody/);
    await refused({ scope: '110000', scene: { kind: 'freeze' } }, /^scope: must be the adcode of 绍兴市/);
    await refused({ scope: '330600', scene: { kind: 'freeze' }, extra: 1 }, /^extra: is not a known field/);
  });

  it('brings a wall that reconnects to a restarted server back in its scene: it is stored', async () => {
    const answer = await push(operator, { scope: '330600', scene: { kind: 'briefing', period: 'year' }, minutes: 30 });
    const pushed = (await answer.json()) as PushedScene;
    for (const wall of walls.splice(0)) wall.close();
    await server.close();
    server = await startServer({ clock, dataDir: server.dataDir, ...(server.databaseUrl ? { env: { FRAUDWALL_DATABASE_URL: server.databaseUrl } } : {}) });
    const left = await wallOf('sx.left');
    expect(left.direction?.scene?.id).toBe(pushed.id);
    operator = await signIn(server.url, 'sx.op');
    admin = await signIn(server.url, 'sx.admin');
  });
});

describe('playlists', () => {
  it('are an admin’s to set: the scope’s walls follow without a URL change, and an empty one removes it', async () => {
    const left = await wallOf('sx.left');
    const entries = [
      { scene: { kind: 'live' }, seconds: 120 },
      { scene: { kind: 'briefing', period: 'today' }, seconds: 30 },
      { scene: { kind: 'focus', adcode: SHAOXING.keqiao }, seconds: 15 },
    ];
    expect((await playlist(operator, { scope: '330600', entries })).status).toBe(403);
    const set = await playlist(admin, { scope: '330600', entries });
    expect(set.status).toBe(200);
    await waitFor(() => expect(left.direction?.playlist).toEqual(entries), 1_000);
    const bad = await playlist(admin, { scope: '330600', entries: [{ scene: { kind: 'freeze' }, seconds: 30 }] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^entries\.0\.scene\.kind: must be one of live, briefing, focus/);
    expect((await playlist(admin, { scope: '330600', entries: [] })).status).toBe(200);
    await waitFor(() => expect(left.direction?.playlist).toBeUndefined(), 1_000);
  });

  it('leaves every change in the audit trail', async () => {
    const audit = (await (await asAccount(server.url, admin, '/api/v1/audit?limit=500')).json()) as { action: string; actor: string; object: string; result: string }[];
    const scenes = audit.filter((record) => record.action === 'wall-scene');
    expect(scenes).toEqual(expect.arrayContaining([
      expect.objectContaining({ actor: 'sx.op', object: '330600 focus', result: '201' }),
      expect.objectContaining({ actor: 'kq.op', object: '330600 briefing', result: '403' }),
      expect.objectContaining({ actor: 'sx.op', object: '330600 end', result: '200' }),
    ]));
    // Refused at the door (not an admin) or for its body, a request changed nothing and reached no one.
    expect(audit.filter((record) => record.action === 'wall-playlist').map((record) => [record.actor, record.result])).toEqual([
      ['sx.admin', '200'],
      ['sx.admin', '200'],
    ]);
  });
});
