// Accounts and devices administered over the API (issue 14), each admin within its scope: a
// person gets a password, a device a long-lived token that opens the stream and the pages of its
// scope only; disabling an account, changing its password or a device's token ends what it holds
// open at once; every change is an audit record. Runs on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/protocol/wall-state';
import { SHAOXING } from '../fixtures/events';
import { asAccount, signIn, storeAccount, TEST_PASSWORD, type SignedIn } from '../support/accounts';
import { storedRows } from '../support/stored';
import { capturingLogger, ManualClock, OPERATOR_TOKEN, startServer, VIEWER_TOKEN, type TestServer } from '../support/test-server';
import { WallClient } from '../support/wall-client';
import { waitFor } from '../support/wait-for';

const clock = new ManualClock(Date.parse('2026-12-03T10:00:00+08:00'));
const { logger, lines } = capturingLogger();
let server: TestServer;
let cityAdmin: SignedIn;
let keqiaoAdmin: SignedIn;
/** The device's current token, and every token it was ever given. */
let token = '';
const issued: string[] = [];

const as = (who: SignedIn, path: string, init: RequestInit & { csrf?: boolean } = {}) => asAccount(server.url, who, path, init);
const post = (who: SignedIn, path: string, body: unknown) => as(who, path, { method: 'POST', csrf: true, body: JSON.stringify(body) });
const patch = (who: SignedIn, username: string, body: unknown) => as(who, `/api/v1/accounts/${username}`, { method: 'PATCH', csrf: true, body: JSON.stringify(body) });
const snapshotWith = (token: string, scope?: string) =>
  fetch(`${server.url}/api/v1/snapshot${scope ? `?scope=${scope}` : ''}`, { headers: { authorization: `Bearer ${token}` } });

interface Added {
  account: { username: string; role: string; scope: string; disabled: boolean };
  token?: string;
}

async function connectedWall(token: string): Promise<WallClient> {
  const wall = new WallClient(server.url, token);
  await wall.connected();
  return wall;
}

beforeAll(async () => {
  // Walls need a token here, so a device's token is what lets a wall in.
  server = await startServer({ clock, logger, env: { FRAUDWALL_VIEWER_TOKEN: VIEWER_TOKEN } });
  await storeAccount(server, 'sx.admin', 'admin', '330600', clock.ms);
  await storeAccount(server, 'kq.admin', 'admin', SHAOXING.keqiao, clock.ms);
  await storeAccount(server, 'zj.leader', 'leader', SHAOXING.zhuji, clock.ms);
  cityAdmin = await signIn(server.url, 'sx.admin');
  keqiaoAdmin = await signIn(server.url, 'kq.admin');
});
afterAll(() => server.destroy());

describe('an admin', () => {
  it('adds a person who can then sign in, within its own scope only', async () => {
    const added = await post(keqiaoAdmin, '/api/v1/accounts', { username: 'kq.op', role: 'operator', scope: SHAOXING.keqiao, password: 'a new operator passphrase' });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ account: { username: 'kq.op', role: 'operator', scope: SHAOXING.keqiao, disabled: false } });
    await signIn(server.url, 'kq.op', 'a new operator passphrase');

    const outside = await post(keqiaoAdmin, '/api/v1/accounts', { username: 'zj.op', role: 'operator', scope: SHAOXING.zhuji, password: 'a new operator passphrase' });
    expect(outside.status).toBe(403);
    expect(await outside.json()).toEqual({ error: `scope: you administer 柯桥区 (${SHAOXING.keqiao}) only` });

    const keqiaoSees = ((await (await as(keqiaoAdmin, '/api/v1/accounts')).json()) as { username: string }[]).map((a) => a.username);
    expect(keqiaoSees).toEqual(['kq.admin', 'kq.op']);
    const listed = await (await as(cityAdmin, '/api/v1/accounts')).text();
    expect((JSON.parse(listed) as { username: string }[]).map((a) => a.username)).toEqual(['kq.admin', 'kq.op', 'sx.admin', 'zj.leader']);
    // Nothing of a password or a token leaves the store.
    expect(Object.keys((JSON.parse(listed) as object[])[0]!).sort()).toEqual(['createdMs', 'disabled', 'lockedUntilMs', 'role', 'scope', 'updatedMs', 'username']);
    expect(listed).not.toMatch(/argon2|hash/i);
    expect((await as(keqiaoAdmin, '/api/v1/accounts/zj.leader', { method: 'PATCH', csrf: true, body: JSON.stringify({ disabled: true }) })).status).toBe(404);
  });

  it('refuses bad input naming the field, and stores nothing', async () => {
    const before = await storedRows(server, 'SELECT username FROM accounts ORDER BY username');
    const refusals: [unknown, number, RegExp][] = [
      [{ username: 'Bad Name', role: 'operator', scope: SHAOXING.keqiao, password: 'long enough password' }, 400, /^username: must be 2–32 characters/],
      [{ username: 'kq.x', role: 'chief', scope: SHAOXING.keqiao, password: 'long enough password' }, 400, /^role: must be one of admin, operator, leader, device/],
      [{ username: 'kq.x', role: 'operator', scope: '110000', password: 'long enough password' }, 400, /^scope: must be the adcode of 绍兴市/],
      [{ username: 'kq.x', role: 'operator', scope: SHAOXING.keqiao, password: 'short' }, 400, /^password: must be at least 12 characters/],
      [{ username: 'kq.x', role: 'operator', scope: SHAOXING.keqiao }, 400, /^password: a person needs a password/],
      [{ username: 'kq.x', role: 'device', scope: SHAOXING.keqiao, password: 'long enough password' }, 400, /^password: a person needs a password; a device or a source has a token instead/],
      [{ username: 'kq.op', role: 'operator', scope: SHAOXING.keqiao, password: 'long enough password' }, 409, /^username: kq\.op is already taken/],
      [{ username: 'kq.x', role: 'operator', scope: SHAOXING.keqiao, password: 'long enough password', admin: true }, 400, /^admin: is not a known field/],
    ];
    for (const [body, status, error] of refusals) {
      const answer = await post(cityAdmin, '/api/v1/accounts', body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(((await answer.json()) as { error: string }).error).toMatch(error);
    }
    const both = await patch(cityAdmin, 'kq.op', { password: 'long enough password', disabled: true });
    expect(both.status).toBe(400);
    expect(await both.json()).toEqual({ error: 'password: send one of a new password, disabled: true|false or displayName' });
    expect(await storedRows(server, 'SELECT username FROM accounts ORDER BY username')).toEqual(before);
  });

  it('is the only one who may, and needs the CSRF token', async () => {
    const leader = await signIn(server.url, 'zj.leader');
    expect((await as(leader, '/api/v1/accounts')).status).toBe(403);
    expect((await fetch(`${server.url}/api/v1/accounts`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } })).status).toBe(403);
    const withoutCsrf = await as(cityAdmin, '/api/v1/accounts', { method: 'POST', body: JSON.stringify({ username: 'kq.y', role: 'device', scope: SHAOXING.keqiao }) });
    expect(withoutCsrf.status).toBe(403);
    expect(await patch(cityAdmin, 'sx.admin', { disabled: true }).then((r) => r.json())).toEqual({ error: 'disabled: an admin cannot disable their own account' });
  });

  it('ends a person’s sessions and sockets when it disables them or changes their password', async () => {
    const operator = await signIn(server.url, 'kq.op', 'a new operator passphrase');
    const wall = new WallClient(server.url, undefined, { cookie: operator.cookie });
    await wall.connected();
    expect((await patch(keqiaoAdmin, 'kq.op', { password: 'another good passphrase' })).status).toBe(200);
    await waitFor(() => expect(wall.socket.connected).toBe(false));
    expect((await as(operator, '/api/v1/session')).status).toBe(401);
    wall.close();

    const again = await signIn(server.url, 'kq.op', 'another good passphrase');
    expect((await patch(keqiaoAdmin, 'kq.op', { disabled: true })).status).toBe(200);
    expect((await as(again, '/api/v1/session')).status).toBe(401);
    const refused = await fetch(`${server.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kq.op', password: 'another good passphrase' }) });
    expect(refused.status).toBe(401);
    expect((await patch(keqiaoAdmin, 'kq.op', { disabled: false })).status).toBe(200);
    await signIn(server.url, 'kq.op', 'another good passphrase');
  });
});

describe('a device', () => {

  it('gets a token, shown once, that opens the stream and the pages of its scope only', async () => {
    const added = await post(cityAdmin, '/api/v1/accounts', { username: 'kq.wall-1', role: 'device', scope: SHAOXING.keqiao });
    expect(added.status).toBe(201);
    const body = (await added.json()) as Added;
    expect(body.account).toMatchObject({ username: 'kq.wall-1', role: 'device', scope: SHAOXING.keqiao });
    token = body.token!;
    issued.push(token);
    expect(token).toMatch(/^fwd_[A-Za-z0-9_-]{43}$/);

    const snapshot = (await (await snapshotWith(token)).json()) as Snapshot;
    expect(snapshot.scope.adcode).toBe(SHAOXING.keqiao);
    expect((await snapshotWith(token, SHAOXING.zhuji)).status).toBe(403);
    expect((await fetch(`${server.url}/api/v1/escalations`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
    const wall = await connectedWall(token);
    expect(wall.snapshots[0]!.scope.adcode).toBe(SHAOXING.keqiao);
    wall.close();
    // The store keeps the token's hash only; no device has a password.
    const [row] = await storedRows<{ token_hash: string; password_hash: string }>(server, "SELECT token_hash, password_hash FROM accounts WHERE username = 'kq.wall-1'");
    expect(row).toEqual({ token_hash: expect.stringMatching(/^[0-9a-f]{64}$/), password_hash: '' });
    const signInAsDevice = await fetch(`${server.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kq.wall-1', password: token }) });
    expect(signInAsDevice.status).toBe(401);
  });

  it('loses its wall at once when its token is replaced, and the new token works', async () => {
    const wall = await connectedWall(token);
    const renewed = await post(cityAdmin, '/api/v1/accounts/kq.wall-1/token', {});
    expect(renewed.status).toBe(201);
    const fresh = ((await renewed.json()) as Added).token!;
    await waitFor(() => expect(wall.socket.connected).toBe(false));
    expect((await snapshotWith(token)).status).toBe(401);
    expect((await snapshotWith(fresh)).status).toBe(200);
    token = fresh;
    issued.push(token);
    expect((await post(cityAdmin, '/api/v1/accounts/kq.op/token', {})).status).toBe(400);
  });

  it('loses its wall at once when it is disabled, and comes back when enabled', async () => {
    const wall = await connectedWall(token);
    expect((await patch(cityAdmin, 'kq.wall-1', { disabled: true })).status).toBe(200);
    await waitFor(() => expect(wall.socket.connected).toBe(false));
    expect((await snapshotWith(token)).status).toBe(401);
    const refused = new WallClient(server.url, token);
    await expect(refused.connected()).rejects.toThrow('the token is not valid');
    refused.close();
    expect((await patch(cityAdmin, 'kq.wall-1', { disabled: false })).status).toBe(200);
    expect((await snapshotWith(token)).status).toBe(200);
  });
});

describe('a device disabled on another node', () => {
  it('loses its wall here within the directory’s reload', async () => {
    const added = await post(cityAdmin, '/api/v1/accounts', { username: 'yc.wall-9', role: 'device', scope: SHAOXING.yuecheng });
    const ninth = ((await added.json()) as Added).token!;
    issued.push(ninth);
    const wall = await connectedWall(ninth);
    // What another node's PATCH leaves in the shared store, this node unaware.
    await storedRows(server, "UPDATE accounts SET disabled = TRUE WHERE username = 'yc.wall-9'");
    await waitFor(() => expect(wall.socket.connected).toBe(false), 15_000);
    expect((await snapshotWith(ninth)).status).toBe(401);
    wall.close();
  }, 20_000);
});

describe('the audit trail', () => {
  it('names an account for the room: on adding it, or later, or no more; checked like every free text', async () => {
    const added = await as(cityAdmin, '/api/v1/accounts', { method: 'POST', csrf: true, body: JSON.stringify({ username: 'sx.left', role: 'device', scope: '330600', displayName: '会商室左屏' }) });
    expect(added.status).toBe(201);
    expect(((await added.json()) as Added).account).toMatchObject({ username: 'sx.left', displayName: '会商室左屏' });
    const renamed = await patch(cityAdmin, 'sx.left', { displayName: '会商室 1 号屏' });
    expect(renamed.status).toBe(200);
    expect((await renamed.json()).account.displayName).toBe('会商室 1 号屏');
    const hidden = await patch(cityAdmin, 'sx.left', { displayName: '左屏\u200b' });
    expect(hidden.status).toBe(400);
    expect((await hidden.json()).error).toMatch(/^displayName: must not contain invisible or control characters/);
    expect((await patch(cityAdmin, 'sx.left', { displayName: 'x'.repeat(33) })).status).toBe(400);
    const cleared = await patch(cityAdmin, 'sx.left', { displayName: null });
    expect((await cleared.json()).account.displayName).toBeUndefined();
  });

  it('records every account change with the admin who made it, and never a token or password', async () => {
    const answer = await as(cityAdmin, '/api/v1/audit?limit=100');
    const records = (await answer.json()) as { actor: string; action: string; object: string; result: string }[];
    const changes = records.filter((r) => r.action.startsWith('account-') || r.action === 'device-token').reverse();
    expect(changes.map((r) => [r.actor, r.action, r.object, r.result])).toEqual([
      ['kq.admin', 'account-add', 'kq.op', 'ok'],
      ['sx.admin', 'account-add', 'kq.op', '409'],
      ['kq.admin', 'account-password', 'kq.op', 'ok'],
      ['kq.admin', 'account-disable', 'kq.op', 'ok'],
      ['kq.admin', 'account-enable', 'kq.op', 'ok'],
      ['sx.admin', 'account-add', 'kq.wall-1', 'ok'],
      ['sx.admin', 'device-token', 'kq.wall-1', 'ok'],
      ['sx.admin', 'device-token', 'kq.op', '400'],
      ['sx.admin', 'account-disable', 'kq.wall-1', 'ok'],
      ['sx.admin', 'account-enable', 'kq.wall-1', 'ok'],
      ['sx.admin', 'account-add', 'yc.wall-9', 'ok'],
      ['sx.admin', 'account-add', 'sx.left', 'ok'],
      ['sx.admin', 'account-name', 'sx.left', 'ok'],
      ['sx.admin', 'account-name', 'sx.left', 'ok'],
    ]);
    const everything = JSON.stringify(records) + JSON.stringify(lines);
    expect(issued).toHaveLength(3);
    for (const each of issued) expect(everything).not.toContain(each);
    expect(everything).not.toContain('passphrase');
    expect(everything).not.toContain(TEST_PASSWORD);
  });
});

