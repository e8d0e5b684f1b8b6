// Issue 22, item 7: every unmasked read is audited. The test walks every GET endpoint the server
// routes (read from the app itself, so a new one cannot be missed), asks each as an operator —
// with the shared token and with a signed-in session — and wherever the answer holds a victim's
// phone or name unmasked, finds a record of that read in the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contact, warning } from '../fixtures/events';
import { signIn, storeAccount } from '../support/accounts';
import { storedRows } from '../support/stored';
import { ManualClock, OPERATOR_TOKEN, startServer, type TestServer } from '../support/test-server';

const clock = new ManualClock(Date.parse('2026-12-03T10:00:00+08:00'));
const PHONE = '13611112222';
const NAME = '欧阳明';
let server: TestServer;

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every GET path the app routes, from Express's own router. */
function getRoutes(): string[] {
  const app = server.app.routes as unknown as { router: { stack: Layer[] } };
  const paths: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route?.methods['get']) paths.push(...[layer.route.path].flat());
      if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk(app.router.stack);
  return [...new Set(paths)].filter((p) => p.startsWith('/api/'));
}

beforeAll(async () => {
  server = await startServer({ clock });
  await server.ingest([warning('um-w', '2026-12-03T09:50:00+08:00', { victim: { phone: PHONE, name: NAME } }), contact('um-c', 'um-w', '2026-12-03T09:51:00+08:00', { result: 'unreachable' })]);
  // And a dead letter holding the victim.
  await server.post([{ ...warning('um-bad', '2026-12-03T09:52:00+08:00'), level: 'extreme', victim: { phone: PHONE, name: NAME } }]);
  await storeAccount(server, 'um.operator', 'operator', '330600', clock.ms);
});
afterAll(() => server.destroy());

describe('unmasked reads', () => {
  it('leave a record in the audit trail, for every GET endpoint that answers one', async () => {
    const routes = getRoutes();
    expect(routes).toEqual(expect.arrayContaining(['/api/v1/escalations', '/api/v1/rejected', '/api/v1/snapshot']));
    const session = await signIn(server.url, 'um.operator');
    const unmasked: string[] = [];
    for (const route of routes) {
      const url = `${server.url}${route.replace(':warningId', 'um-w')}?county=330603`;
      for (const [who, headers] of [
        ['token:operator', { authorization: `Bearer ${OPERATOR_TOKEN}` }],
        ['um.operator', { cookie: session.cookie }],
      ] as const) {
        // A minute of its own for each read: the once-a-minute records cannot hide one.
        clock.ms += 61_000;
        const before = await storedRows<{ n: number }>(server, 'SELECT count(*) AS n FROM audit WHERE actor = $1', [who]);
        const body = await (await fetch(url, { headers })).text();
        if (!body.includes(PHONE) && !body.includes(NAME)) continue;
        unmasked.push(`${route} as ${who}`);
        const after = await storedRows<{ n: number }>(server, 'SELECT count(*) AS n FROM audit WHERE actor = $1', [who]);
        expect(Number(after[0]!.n) - Number(before[0]!.n), `${route} as ${who}`).toBeGreaterThanOrEqual(1);
      }
    }
    // The walk found the reads that do show victims: the test looked where it matters.
    expect(unmasked).toEqual(expect.arrayContaining(['/api/v1/escalations as token:operator', '/api/v1/rejected as um.operator']));
  });
});
