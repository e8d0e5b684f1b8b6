// Everything a wall receives during a busy simulated session — snapshots, deltas, heartbeats —
// shows victims masked: no phone number, no name, no operator note. And no log line and no
// answer to anyone but an operator holds a password, a session id, a token or a victim unmasked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionPack } from '../../shared/region';
import { addDays } from '../../shared/time/zoned-calendar';
import { Random } from '../../server/simulator/random';
import { SimulatedCenter } from '../../server/simulator/simulated-center';
import { contact, warning } from '../fixtures/events';
import { asAccount, signIn, storeAccount, TEST_PASSWORD, type SignedIn } from '../support/accounts';
import { capturingLogger, INGEST_TOKEN, OPERATOR_TOKEN, postStep, startServer, type TestServer } from '../support/test-server';
import { WallClient } from '../support/wall-client';
import { waitFor } from '../support/wait-for';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.destroy());

describe('privacy on the wall stream', () => {
  it('masks every victim in every frame of a scripted session', async () => {
    const wall = new WallClient(server.url);
    await wall.connected();

    // A busy session whatever the hour the test runs: the six hours up to the last 16:00 (at
    // 05:40 the six hours before now are a night, with too few victims to prove anything).
    const { calendar } = server.app;
    const today = calendar.dayKey(Date.now());
    const fourPm = (day: string) => calendar.startOfDay(day) + 16 * 3_600_000;
    const end = fourPm(today) < Date.now() - 60_000 ? fourPm(today) : fourPm(addDays(today, -1));
    const center = new SimulatedCenter(regionPack('shaoxing'), calendar, new Random(2026), 'priv', end - 6 * 3_600_000);
    const events: Record<string, unknown>[] = center.advance(end).map(({ simMs, body }) => ({ ...body, at: new Date(simMs).toISOString() }));
    const phones = new Set<string>();
    const names = new Set<string>();
    for (const e of events) {
      const victim = e['victim'] as { phone: string; name?: string } | undefined;
      if (victim) {
        phones.add(victim.phone);
        if (victim.name) names.add(victim.name);
      }
    }
    expect(phones.size).toBeGreaterThan(200);
    expect(names.size).toBeGreaterThan(20);

    // In eight parts a tick apart, so the wall gets deltas as well as snapshots whatever the
    // hour (a night's six hours hold a few hundred events).
    const part = Math.ceil(events.length / 8);
    for (let i = 0; i < events.length; i += part) {
      await server.ingest(events.slice(i, i + part));
      await new Promise((r) => setTimeout(r, 300));
    }
    // An operator note quoting a number must not reach the wall either. The escalation is our
    // own, opened a minute ago: the simulated session may have resolved all of its own by now.
    const opened = await server.ingest([
      warning('priv-open-w', new Date(Date.now() - 120_000).toISOString(), { victim: { phone: '13700001111', name: '章敏' } }),
      contact('priv-open-c', 'priv-open-w', new Date(Date.now() - 60_000).toISOString(), { result: 'unreachable' }),
    ]);
    expect(opened.accepted).toBe(2);
    phones.add('13700001111');
    names.add('章敏');
    const noted = await postStep(server.url, 'priv-open-w', { step: 'resolved', outcome: 'dissuaded', note: '回拨13911112222确认安全', by: '值班员陈晓' });
    expect(noted.status).toBe(201);
    wall.socket.emit('resync');
    await waitFor(() => expect(wall.snapshots.length).toBe(2), 5_000);
    await new Promise((r) => setTimeout(r, 600));
    wall.close();

    expect(wall.deltas.length).toBeGreaterThan(3);
    const leaks: string[] = [];
    for (const frame of wall.frames) {
      for (const phone of phones) if (frame.includes(phone)) leaks.push(phone);
      for (const name of names) if (frame.includes(name)) leaks.push(name);
      for (const secret of ['13911112222', '值班员陈晓']) if (frame.includes(secret)) leaks.push(secret);
    }
    expect(leaks).toEqual([]);
    // And the masked forms are there: the test looked at frames that carry victims.
    expect(wall.frames.some((f) => /1\d{2}\*{4}\d{4}/.test(f))).toBe(true);
  });
});

describe('privacy of credentials', () => {
  it('puts no password, session id, token or unmasked victim in any log line or any answer to a non-operator', async () => {
    const { logger, lines } = capturingLogger();
    const guarded = await startServer({ logger });
    try {
      const now = Date.now();
      await guarded.ingest([
        warning('cred-w', new Date(now - 120_000).toISOString(), { victim: { phone: '13700998877', name: '司马相如' } }),
        contact('cred-c', 'cred-w', new Date(now - 60_000).toISOString(), { result: 'unreachable' }),
      ]);
      await storeAccount(guarded, 'cred.admin', 'admin', '330600', now);
      await storeAccount(guarded, 'cred.leader', 'leader', '330600', now);
      const refused = await fetch(`${guarded.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'cred.leader', password: 'a wrong password typed' }) });
      expect(refused.status).toBe(401);
      const admin = await signIn(guarded.url, 'cred.admin');
      const leader = await signIn(guarded.url, 'cred.leader');
      const made = async (role: string) =>
        ((await (await asAccount(guarded.url, admin, '/api/v1/accounts', { method: 'POST', csrf: true, body: JSON.stringify({ username: `cred.${role}`, role, scope: '330600' }) })).json()) as { token: string }).token;
      const device = await made('device');
      const source = await made('source');

      const answers: string[] = [];
      const read = async (path: string, init: RequestInit) => answers.push(await (await fetch(`${guarded.url}${path}`, init)).text());
      for (const path of ['/api/v1/session', '/api/v1/snapshot', '/api/v1/status', '/api/v1/stats?from=2026-01-01&to=2026-12-31', '/api/v1/accounts', '/api/v1/audit']) {
        await read(path, { headers: { cookie: admin.cookie } });
        await read(path, { headers: { cookie: leader.cookie } });
        await read(path, { headers: { authorization: `Bearer ${device}` } });
      }
      const wall = new WallClient(guarded.url, device);
      await wall.connected();
      wall.close();

      const secrets = [TEST_PASSWORD, 'a wrong password typed', sessionIdIn(admin), sessionIdIn(leader), device, source, OPERATOR_TOKEN, INGEST_TOKEN, '13700998877', '司马相如'];
      const seen = [...answers, ...wall.frames, ...lines.map((line) => JSON.stringify(line))].join('\n');
      for (const secret of secrets) expect(seen.includes(secret), secret.slice(0, 6)).toBe(false);
      // What was read is real: the snapshot shows the victim masked, the list the accounts.
      expect(seen).toContain('137****8877');
      expect(seen).toContain('cred.device');
    } finally {
      await guarded.destroy();
    }
  });
});

/** The session id a signed-in browser's cookie carries. */
function sessionIdIn(who: SignedIn): string {
  return who.cookie.slice(who.cookie.indexOf('=') + 1);
}
