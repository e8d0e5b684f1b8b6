// Issue 22, "the small ones": requests a browser or a script can make that used to reach the
// store or answer 500 are refused at the door, with a clear error naming what is wrong.
// - A date that is no date (month 13) in a query → 400 naming the parameter, not 500.
// - A step body nested thousands deep → 400 before it reaches the writer, not 500.
// - Sign-in takes only JSON, and never from a page of another site (login CSRF: a cross-site
//   text/plain form would sign the victim's browser into the attacker's account).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contact, warning } from '../fixtures/events';
import { storeAccount, TEST_PASSWORD } from '../support/accounts';
import { postStep, startServer, VIEWER_TOKEN, type TestServer } from '../support/test-server';

let server: TestServer;
const recently = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

beforeAll(async () => {
  server = await startServer({ env: { FRAUDWALL_VIEWER_TOKEN: VIEWER_TOKEN } });
  await storeAccount(server, 'door.operator', 'operator', '330600', Date.now());
  await server.ingest([warning('door-w', recently(10)), contact('door-c', 'door-w', recently(9), { result: 'unreachable' })]);
});
afterAll(() => server.destroy());

const stats = (query: string) => fetch(`${server.url}/api/v1/stats?${query}`, { headers: { authorization: `Bearer ${VIEWER_TOKEN}` } });

describe('refused at the door', () => {
  it('answers a date that is no date 400, naming the parameter', async () => {
    for (const [query, name] of [
      ['from=2026-13-01&to=2026-12-31', 'from'],
      ['from=2026-01-01&to=2026-12-32', 'to'],
      ['from=2026-00-10&to=2026-12-31', 'from'],
    ] as const) {
      const answer = await stats(query);
      expect(answer.status, query).toBe(400);
      expect(((await answer.json()) as { error: string }).error).toMatch(new RegExp(`^${name}: `));
    }
    expect((await stats('from=2026-01-01&to=2026-12-31')).status).toBe(200);
  });

  it('refuses a step body nested thousands deep with 400, and still takes a good one', async () => {
    // Under the 16 KiB a step body may take: arrays nest in two bytes a level.
    const deep = `{"step":${'['.repeat(8_000)}${']'.repeat(8_000)}}`;
    const answer = await postStep(server.url, 'door-w', deep);
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: string }).error).toMatch(/^step: /);
    expect((await postStep(server.url, 'door-w', { step: 'comms' })).status).toBe(201);
  });

  it('signs in only from JSON, and never from a page of another site', async () => {
    const credentials = JSON.stringify({ username: 'door.operator', password: TEST_PASSWORD });
    const signIn = (headers: Record<string, string>) => fetch(`${server.url}/api/v1/session`, { method: 'POST', headers, body: credentials });
    const form = await signIn({ 'content-type': 'text/plain' });
    expect(form.status).toBe(415);
    expect(form.headers.get('set-cookie')).toBeNull();
    const crossSite: Record<string, string>[] = [
      { 'content-type': 'application/json', origin: 'https://attacker.example' },
      { 'content-type': 'application/json', origin: 'null' },
      { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of crossSite) {
      const refused = await signIn(headers);
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      expect(refused.headers.get('set-cookie')).toBeNull();
    }
    // The server's own page, and a client that is no browser, still sign in.
    expect((await signIn({ 'content-type': 'application/json', origin: server.url, 'sec-fetch-site': 'same-origin' })).status).toBe(204);
    expect((await signIn({ 'content-type': 'application/json' })).status).toBe(204);
  });
});
