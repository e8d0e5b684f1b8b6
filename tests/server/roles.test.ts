// Every endpoint and the socket, with no credentials, a wrong token, each role's shared token and
// each kind of account — signed-in admin, operator and leader, a device's and an upstream
// source's token: exactly the roles the contract gives get in (401 unknown/missing, 403 known
// but without the role). Claiming an escalation needs a person as well as the role: that is
// claims.test.ts's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/auth/roles';
import { contact, warning } from '../fixtures/events';
import { asAccount, signIn, storeAccount, type SignedIn } from '../support/accounts';
import { INGEST_TOKEN, ManualClock, OPERATOR_TOKEN, startServer, VIEWER_TOKEN, type TestServer } from '../support/test-server';
import { WallClient } from '../support/wall-client';

const clock = new ManualClock(Date.parse('2026-11-27T10:00:00+08:00'));
let server: TestServer;

/** How each caller presents itself: a bearer token, or a session cookie with its CSRF token. */
type Credentials = { token?: string } | { session: SignedIn };
const WHO = ['none', 'wrong', 'ingest', 'operator', 'viewer', 'adminAccount', 'operatorAccount', 'leaderAccount', 'deviceToken', 'sourceToken'] as const;
type Who = (typeof WHO)[number];
const credentials = {} as Record<Who, Credentials>;

/** The roles each caller carries (contract.md, "Tokens and roles"; README, "Accounts"). */
const CARRIES: Record<Who, readonly Role[]> = {
  none: [],
  wrong: [],
  ingest: ['ingest'],
  operator: ['operator', 'viewer', 'walls'],
  viewer: ['viewer'],
  adminAccount: ['admin', 'viewer', 'walls'],
  operatorAccount: ['operator', 'viewer', 'walls'],
  leaderAccount: ['viewer', 'walls'],
  deviceToken: ['viewer'],
  sourceToken: ['ingest'],
};

interface Endpoint {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: unknown;
  /** The role it needs: a caller without it gets 403 (401 without any valid credentials). */
  readonly needs: Role;
}

const at = '2026-11-27T09:00:00+08:00';
const ENDPOINTS: Endpoint[] = [
  { method: 'POST', path: '/api/v1/events', body: [warning('roles-w', at)], needs: 'ingest' },
  { method: 'GET', path: '/api/v1/snapshot', needs: 'viewer' },
  { method: 'GET', path: '/api/v1/status', needs: 'viewer' },
  { method: 'GET', path: '/api/v1/region', needs: 'viewer' },
  { method: 'GET', path: '/api/v1/region/map', needs: 'viewer' },
  { method: 'GET', path: '/api/v1/stats?from=2026-01-01&to=2026-01-31', needs: 'viewer' },
  { method: 'GET', path: '/api/v1/stats/stations?from=2026-01-01&to=2026-01-31', needs: 'viewer' },
  { method: 'GET', path: '/api/v1/stats.xlsx?from=2026-01-01&to=2026-01-31', needs: 'viewer' },
  { method: 'GET', path: '/api/v1/stats.csv?from=2026-01-01&to=2026-01-31', needs: 'viewer' },
  { method: 'POST', path: '/api/v1/exports', body: { kind: 'report', from: '2026-01-01', to: '2026-01-31' }, needs: 'viewer' },
  { method: 'GET', path: '/api/v1/rejected', needs: 'operator' },
  { method: 'GET', path: '/api/v1/escalations', needs: 'operator' },
  { method: 'GET', path: '/api/v1/stations?county=330603', needs: 'operator' },
  { method: 'GET', path: '/api/v1/walls', needs: 'walls' },
  { method: 'GET', path: '/api/v1/walls/control', needs: 'walls' },
  { method: 'POST', path: '/api/v1/walls/scene', body: { scope: '330600', scene: { kind: 'message', text: '例会' } }, needs: 'walls' },
  { method: 'POST', path: '/api/v1/escalations/roles-e/steps', body: { step: 'comms', note: '核查' }, needs: 'operator' },
  { method: 'GET', path: '/api/v1/audit', needs: 'admin' },
  { method: 'GET', path: '/api/v1/accounts', needs: 'admin' },
  { method: 'POST', path: '/api/v1/accounts', body: { username: 'roles.new', role: 'leader', scope: '330600', password: 'a long enough password' }, needs: 'admin' },
];

beforeAll(async () => {
  server = await startServer({ clock, env: { FRAUDWALL_VIEWER_TOKEN: VIEWER_TOKEN } });
  await server.ingest([warning('roles-e', at), contact('roles-c', 'roles-e', at, { result: 'unreachable' })]);
  Object.assign(credentials, { none: {}, wrong: { token: 'not-a-real-token' }, ingest: { token: INGEST_TOKEN }, operator: { token: OPERATOR_TOKEN }, viewer: { token: VIEWER_TOKEN } });
  for (const [who, role] of [['adminAccount', 'admin'], ['operatorAccount', 'operator'], ['leaderAccount', 'leader']] as const) {
    await storeAccount(server, `roles.${role}`, role, '330600', clock.ms);
    credentials[who] = { session: await signIn(server.url, `roles.${role}`) };
  }
  const admin = (credentials.adminAccount as { session: SignedIn }).session;
  for (const [who, role] of [['deviceToken', 'device'], ['sourceToken', 'source']] as const) {
    const made = await asAccount(server.url, admin, '/api/v1/accounts', { method: 'POST', csrf: true, body: JSON.stringify({ username: `roles.${role}`, role, scope: '330600' }) });
    credentials[who] = { token: ((await made.json()) as { token: string }).token };
  }
});
afterAll(() => server.destroy());

async function call(endpoint: Endpoint, who: Credentials): Promise<number> {
  const response = await fetch(`${server.url}${endpoint.path}`, {
    method: endpoint.method,
    headers: {
      ...('token' in who && who.token ? { authorization: `Bearer ${who.token}` } : {}),
      ...('session' in who ? { cookie: who.session.cookie, 'x-csrf-token': who.session.csrf } : {}),
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
    // One at a time: two callers moving the same escalation would get a 409 for the second.
    const statuses: Record<string, number> = {};
    for (const who of WHO) statuses[who] = await call(endpoint, credentials[who]);
    const expected = Object.fromEntries(WHO.map((who) => [who, who === 'none' || who === 'wrong' ? 401 : CARRIES[who].includes(endpoint.needs) ? 'ok' : 403]));
    // Let in: answered by the endpoint itself — a 2xx, or the 409 of a step another caller already made.
    const seen = Object.fromEntries(Object.entries(statuses).map(([who, s]) => [who, (s >= 200 && s < 300) || s === 409 ? 'ok' : s]));
    expect(seen).toEqual(expected);
  });

  it('lets the socket in with the viewer’s rights only', async () => {
    clock.ms += 61_000;
    for (const who of WHO) {
      const presented = credentials[who];
      const wall = new WallClient(server.url, 'token' in presented ? presented.token : undefined, 'session' in presented ? { cookie: presented.session.cookie } : {});
      const connected = await wall.connected().then(
        () => true,
        () => false,
      );
      wall.close();
      expect([who, connected]).toEqual([who, CARRIES[who].includes('viewer')]);
    }
  });

  it('leaves health and the page shells open: they carry no data', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
