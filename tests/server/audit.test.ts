// The audit trail (issue 14): sign-ins (succeeded, or failed and merged a minute at a time), sign-outs, operator steps and
// views of victims' unmasked data are appended as records chained by their hashes, with who,
// in which scope, on what, how it ended and from where; `npm run verify` walks the chain and
// names the first record edited or removed. Runs on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contact, SHAOXING, warning } from '../fixtures/events';
import { storeAccount, TEST_PASSWORD } from '../support/accounts';
import { runVerify } from '../support/verify';
import { storedRows } from '../support/stored';
import { ManualClock, OPERATOR_TOKEN, startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

const clock = new ManualClock(Date.parse('2026-11-27T10:00:00+08:00'));
const t = (hhmm: string) => `2026-11-27T${hhmm}:00+08:00`;
let server: TestServer;

const verify = () => runVerify(server);

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

beforeAll(async () => {
  server = await startServer({ clock });
  await server.ingest([warning('au-w1', t('09:00'), { county: SHAOXING.keqiao }), contact('au-c1', 'au-w1', t('09:05'), { county: SHAOXING.keqiao, result: 'unreachable' })]);
  await storeAccount(server, 'kq.operator', 'operator', SHAOXING.keqiao, clock.ms);
});
afterAll(() => server.destroy());

describe('the audit trail', () => {
  it('records who signed in, saw victims, made a step and signed out — and a token’s use as the token’s', async () => {
    expect((await post('/api/v1/session', { username: 'kq.operator', password: 'not the password' })).status).toBe(401);
    const signedIn = await post('/api/v1/session', { username: 'kq.operator', password: TEST_PASSWORD });
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await (await fetch(`${server.url}/api/v1/session`, { headers: { cookie } })).json()) as { csrfToken: string };
    // Read twice within the minute, as a console re-reads a changing list: one record says it.
    expect((await fetch(`${server.url}/api/v1/escalations`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/escalations`, { headers: { cookie } })).status).toBe(200);
    // The dead letters show victims unmasked too (issue 22): their view is recorded the same way.
    expect((await fetch(`${server.url}/api/v1/rejected`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/rejected`, { headers: { cookie } })).status).toBe(200);
    expect((await post('/api/v1/escalations/au-w1/steps', { step: 'comms' }, { cookie, 'x-csrf-token': csrfToken })).status).toBe(201);
    expect((await post('/api/v1/escalations/au-w1/steps', { step: 'comms' }, { authorization: `Bearer ${OPERATOR_TOKEN}` })).status).toBe(409);
    expect((await fetch(`${server.url}/api/v1/session`, { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrfToken } })).status).toBe(204);
    // Failed sign-ins are written merged, once their minute is over (audit/merged-failures.ts).
    const at = clock.ms;
    clock.ms += 60_000;
    await waitFor(async () => expect(await storedRows(server, "SELECT seq FROM audit WHERE result = 'invalid'")).toHaveLength(1));

    const records = await storedRows<Record<string, unknown>>(server, "SELECT at_ms, actor, role, scope, action, object, result, address FROM audit WHERE action <> 'start' ORDER BY seq");
    const address = '127.0.0.1';
    expect(records).toEqual([
      { at_ms: at, actor: 'kq.operator', role: 'operator', scope: SHAOXING.keqiao, action: 'sign-in', object: '', result: 'ok', address },
      { at_ms: at, actor: 'kq.operator', role: 'operator', scope: SHAOXING.keqiao, action: 'view-victims', object: 'escalations', result: 'ok', address },
      { at_ms: at, actor: 'kq.operator', role: 'operator', scope: SHAOXING.keqiao, action: 'view-victims', object: 'rejected', result: 'ok', address },
      { at_ms: at, actor: 'kq.operator', role: 'operator', scope: SHAOXING.keqiao, action: 'step', object: 'au-w1', result: '201', address },
      { at_ms: at, actor: 'token:operator', role: 'operator', scope: '330600', action: 'step', object: 'au-w1', result: '409', address },
      { at_ms: at, actor: 'kq.operator', role: 'operator', scope: SHAOXING.keqiao, action: 'sign-out', object: '', result: 'ok', address },
      { at_ms: at, actor: 'kq.operator', role: '', scope: '', action: 'sign-in', object: '1 attempt', result: 'invalid', address },
    ]);
  });

  it('is read by admin accounts only, newest first, filtered, within their scope', async () => {
    await storeAccount(server, 'sx.admin', 'admin', '330600', clock.ms);
    await storeAccount(server, 'kq.admin', 'admin', SHAOXING.keqiao, clock.ms);
    await storeAccount(server, 'yc.admin', 'admin', SHAOXING.yuecheng, clock.ms);
    const cookieOf = async (username: string) =>
      ((await post('/api/v1/session', { username, password: TEST_PASSWORD })).headers.get('set-cookie') ?? '').split(';')[0]!;
    const read = async (username: string, query = '') => fetch(`${server.url}/api/v1/audit${query}`, { headers: { cookie: await cookieOf(username) } });

    const all = (await (await read('sx.admin')).json()) as { actor: string; action: string; scope: string; at: string }[];
    // Newest first: the city admin's own sign-in leads; the failed sign-in (no scope) is shown to the region's admin.
    expect(all[0]).toMatchObject({ actor: 'sx.admin', action: 'sign-in', scope: '330600', at: '2026-11-27T10:01:00.000+08:00' });
    expect(all.map((r) => r.action)).toContain('view-victims');
    expect(all.some((r) => r.scope === '')).toBe(true);
    const steps = (await (await read('sx.admin', '?action=step&actor=kq.operator')).json()) as { object: string; result: string }[];
    expect(steps).toEqual([expect.objectContaining({ object: 'au-w1', result: '201' })]);

    const county = (await (await read('kq.admin')).json()) as { scope: string }[];
    expect(new Set(county.map((r) => r.scope))).toEqual(new Set([SHAOXING.keqiao]));
    expect((await (await read('yc.admin', '?action=step')).json()) as unknown[]).toEqual([]);

    expect((await fetch(`${server.url}/api/v1/audit`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } })).status).toBe(403);
    const bad = await read('sx.admin', '?from=yesterday');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'from: must be an ISO 8601 time with its offset, like 2026-12-02T09:00:00+08:00' });
  });

  it('is a chain that npm run verify walks, naming the first record edited or removed', async () => {
    const ok = await verify();
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/audit: OK — \d+ records, every one chained to the one before under the key/);

    const [third] = await storedRows<{ seq: number }>(server, 'SELECT seq FROM audit ORDER BY seq LIMIT 1 OFFSET 2');
    await storedRows(server, `UPDATE audit SET actor = 'someone.else' WHERE seq = ${third!.seq}`);
    const edited = await verify();
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain(`audit: record ${third!.seq} is broken: its keyed hash does not match (it was edited, forged or rehashed without the key)`);

    await storedRows(server, `DELETE FROM audit WHERE seq = ${third!.seq}`);
    const removed = await verify();
    expect(removed.code).toBe(1);
    expect(removed.stdout).toContain(`audit: record ${third!.seq + 1} is broken: it does not follow the record before it (one was removed or inserted)`);
  });
});
