// What a signed-in account may do (issue 14): its role decides the endpoints, its scope what it
// sees and acts on, every state-changing request needs the session's CSRF token, and a step
// records the account as `by` — the body may not name anyone. Runs on both engines.
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/protocol/wall-state';
import { contact, SHAOXING, warning } from '../fixtures/events';
import { asAccount, signIn, storeAccount, type SignedIn } from '../support/accounts';
import { storedRows } from '../support/stored';
import { ManualClock, startServer, type TestServer } from '../support/test-server';
import { WallClient } from '../support/wall-client';
import { waitFor } from '../support/wait-for';

const clock = new ManualClock(Date.parse('2026-11-27T10:00:00+08:00'));
const t = (hhmm: string) => `2026-11-27T${hhmm}:00+08:00`;
let server: TestServer;

async function signedIn(username: string, role: string, scope: string): Promise<SignedIn> {
  await storeAccount(server, username, role, scope, clock.ms);
  return signIn(server.url, username);
}

const as = (who: SignedIn, path: string, init: RequestInit & { csrf?: boolean } = {}) => asAccount(server.url, who, path, init);

let keqiaoOperator: SignedIn;
let cityLeader: SignedIn;
let keqiaoWall: SignedIn;

beforeAll(async () => {
  server = await startServer({ clock });
  await server.ingest([
    warning('sa-w1', t('09:00'), { county: SHAOXING.keqiao }),
    contact('sa-c1', 'sa-w1', t('09:05'), { county: SHAOXING.keqiao, result: 'unreachable' }),
    warning('sa-w2', t('09:10'), { county: SHAOXING.zhuji }),
    contact('sa-c2', 'sa-w2', t('09:12'), { county: SHAOXING.zhuji, result: 'unreachable' }),
  ]);
  keqiaoOperator = await signedIn('kq.operator', 'operator', SHAOXING.keqiao);
  cityLeader = await signedIn('sx.leader', 'leader', '330600');
  keqiaoWall = await signedIn('kq.wall', 'device', SHAOXING.keqiao);
});
afterAll(() => server.destroy());

describe('a signed-in account', () => {
  it('sees and acts only inside its scope', async () => {
    const list = (await (await as(keqiaoOperator, '/api/v1/escalations')).json()) as { warningId: string }[];
    expect(list.map((e) => e.warningId)).toEqual(['sa-w1']);
    expect((await as(keqiaoOperator, `/api/v1/escalations?scope=${SHAOXING.zhuji}`)).status).toBe(403);
    const step = await as(keqiaoOperator, '/api/v1/escalations/sa-w2/steps', { method: 'POST', csrf: true, body: JSON.stringify({ step: 'comms' }) });
    expect(step.status).toBe(403);
    const wall = (await (await as(keqiaoWall, '/api/v1/snapshot')).json()) as Snapshot;
    expect(wall.scope.adcode).toBe(SHAOXING.keqiao);
    expect(wall.activeEscalations.map((e) => e.county)).toEqual([SHAOXING.keqiao]);
  });

  it('may do only what its role allows', async () => {
    expect((await as(cityLeader, '/api/v1/escalations')).status).toBe(403);
    expect((await as(cityLeader, '/api/v1/rejected')).status).toBe(403);
    expect((await as(keqiaoWall, '/api/v1/escalations')).status).toBe(403);
    expect((await as(keqiaoOperator, '/api/v1/rejected')).status).toBe(200);
    const snapshot = (await (await as(cityLeader, '/api/v1/snapshot')).json()) as Snapshot;
    expect(snapshot.scope.adcode).toBe('330600');
    expect((await as(cityLeader, '/api/v1/stats?from=2026-11-01&to=2026-11-27')).status).toBe(200);
    // No account posts events: upstream systems do, with their keys.
    const posted = await as(keqiaoOperator, '/api/v1/events', { method: 'POST', csrf: true, body: JSON.stringify([warning('sa-x', t('09:30'))]) });
    expect(posted.status).toBe(403);
    expect(await posted.json()).toEqual({ error: 'an account of the operator role cannot do this (it needs the ingest role)' });
  });

  it('needs the session’s CSRF token to change anything, and is recorded as who made the step', async () => {
    const body = JSON.stringify({ step: 'comms' });
    expect((await as(keqiaoOperator, '/api/v1/escalations/sa-w1/steps', { method: 'POST', body })).status).toBe(403);
    // The escalation opened with the unreachable call: no step is stored yet.
    expect(await storedRows(server, "SELECT id FROM events WHERE warning_id = 'sa-w1' AND type = 'escalation'")).toEqual([]);
    const named = await as(keqiaoOperator, '/api/v1/escalations/sa-w1/steps', { method: 'POST', csrf: true, body: JSON.stringify({ step: 'comms', by: '张三' }) });
    expect(named.status).toBe(400);
    expect(await named.json()).toEqual({ error: 'by: is the signed-in account, not set by the request' });
    const made = await as(keqiaoOperator, '/api/v1/escalations/sa-w1/steps', { method: 'POST', csrf: true, body });
    expect(made.status).toBe(201);
    expect(await made.json()).toMatchObject({ warningId: 'sa-w1', step: 'comms', by: 'kq.operator' });
    const [stored] = await storedRows<{ body: string }>(server, "SELECT body FROM events WHERE warning_id = 'sa-w1' AND type = 'escalation' ORDER BY at_ms DESC LIMIT 1");
    expect(JSON.parse(stored!.body)).toMatchObject({ step: 'comms', by: 'kq.operator' });
  });

  it('loses its sockets within seconds when its session ends on another node', async () => {
    const other = await signedIn('kq.wall3', 'leader', SHAOXING.keqiao);
    const wall = new WallClient(server.url, undefined, { cookie: other.cookie });
    try {
      await wall.connected();
      // Signed out where this node cannot see it: the row goes, as another node's sign-out removes it.
      await storedRows(server, "DELETE FROM sessions WHERE username = 'kq.wall3'");
      await waitFor(() => expect(wall.socket.connected).toBe(false), 15_000);
    } finally {
      wall.close();
    }
  }, 20_000);

  it('opens the wall stream on its session, in its scope, and loses it the moment it signs out', async () => {
    const wall = await signedIn('kq.wall2', 'device', SHAOXING.keqiao);
    const socket = io(server.url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie: wall.cookie } });
    try {
      const snapshot = await new Promise<Snapshot>((resolve) => socket.once('snapshot', resolve));
      expect(snapshot.scope.adcode).toBe(SHAOXING.keqiao);
      const ended = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      expect((await as(wall, '/api/v1/session', { method: 'DELETE', csrf: true })).status).toBe(204);
      expect(await ended).toBe('io server disconnect');
    } finally {
      socket.close();
    }
  });

  it('is not signed in with a forged or ended session', async () => {
    expect((await as({ cookie: 'fraudwall_session=forged-session-id', csrf: '' }, '/api/v1/escalations')).status).toBe(401);
    await as(keqiaoOperator, '/api/v1/session', { method: 'DELETE', csrf: true });
    expect((await as(keqiaoOperator, '/api/v1/escalations')).status).toBe(401);
  });
});
