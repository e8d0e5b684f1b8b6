// Every endpoint and the socket, with no token, a wrong one, and each role's token: exactly the
// roles the contract gives get in (401 unknown/missing, 403 valid but without the role).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contact, warning } from '../fixtures/events';
import { INGEST_TOKEN, ManualClock, OPERATOR_TOKEN, startServer, VIEWER_TOKEN, type TestServer } from '../support/test-server';
import { WallClient } from '../support/wall-client';

const clock = new ManualClock(Date.parse('2026-11-27T10:00:00+08:00'));
let server: TestServer;

const TOKENS = { none: undefined, wrong: 'not-a-real-token', ingest: INGEST_TOKEN, operator: OPERATOR_TOKEN, viewer: VIEWER_TOKEN } as const;
type Who = keyof typeof TOKENS;

interface Endpoint {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: unknown;
  /** Who gets a 2xx; everyone else with a valid token gets 403. */
  readonly allowed: readonly Who[];
}

const at = '2026-11-27T09:00:00+08:00';
const ENDPOINTS: Endpoint[] = [
  { method: 'POST', path: '/api/v1/events', body: [warning('roles-w', at)], allowed: ['ingest'] },
  { method: 'GET', path: '/api/v1/snapshot', allowed: ['viewer', 'operator'] },
  { method: 'GET', path: '/api/v1/status', allowed: ['viewer', 'operator'] },
  { method: 'GET', path: '/api/v1/region', allowed: ['viewer', 'operator'] },
  { method: 'GET', path: '/api/v1/region/map', allowed: ['viewer', 'operator'] },
  { method: 'GET', path: '/api/v1/stats?from=2026-01-01&to=2026-01-31', allowed: ['viewer', 'operator'] },
  { method: 'GET', path: '/api/v1/rejected', allowed: ['operator'] },
  { method: 'GET', path: '/api/v1/escalations', allowed: ['operator'] },
  { method: 'GET', path: '/api/v1/stations?county=330603', allowed: ['operator'] },
  { method: 'POST', path: '/api/v1/escalations/roles-e/steps', body: { step: 'comms', note: '核查' }, allowed: ['operator'] },
];

beforeAll(async () => {
  server = await startServer({ clock, env: { FRAUDWALL_VIEWER_TOKEN: VIEWER_TOKEN } });
  await server.ingest([warning('roles-e', at), contact('roles-c', 'roles-e', at, { result: 'unreachable' })]);
});
afterAll(() => server.destroy());

async function call(endpoint: Endpoint, token: string | undefined): Promise<number> {
  const response = await fetch(`${server.url}${endpoint.path}`, {
    method: endpoint.method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(endpoint.body ? { 'content-type': 'application/json' } : {}),
    },
    ...(endpoint.body ? { body: JSON.stringify(endpoint.body) } : {}),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('role boundaries', () => {
  it.each(ENDPOINTS.map((e) => [`${e.method} ${e.path}`, e] as const))('%s', async (_name, endpoint) => {
    // Each endpoint starts with a clean failed-authentication window.
    clock.ms += 61_000;
    const statuses = Object.fromEntries(
      await Promise.all(
        (Object.keys(TOKENS) as Who[]).map(async (who) => [who, await call(endpoint, TOKENS[who])] as const),
      ),
    );
    const expected = Object.fromEntries(
      (Object.keys(TOKENS) as Who[]).map((who) => [
        who,
        who === 'none' || who === 'wrong' ? 401 : endpoint.allowed.includes(who) ? 'ok' : 403,
      ]),
    );
    const seen = Object.fromEntries(Object.entries(statuses).map(([who, s]) => [who, s >= 200 && s < 300 ? 'ok' : s]));
    expect(seen).toEqual(expected);
  });

  it('lets the socket in with the viewer or operator token only', async () => {
    clock.ms += 61_000;
    for (const who of Object.keys(TOKENS) as Who[]) {
      const wall = new WallClient(server.url, TOKENS[who]);
      const connected = await wall.connected().then(
        () => true,
        () => false,
      );
      wall.close();
      expect([who, connected]).toEqual([who, who === 'viewer' || who === 'operator']);
    }
  });

  it('leaves health and the page shells open: they carry no data', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
