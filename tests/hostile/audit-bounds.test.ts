// Issue 22, item 4: what anonymous requests can add to the audit trail is bounded per address.
// - Exports: one record a minute per viewer and address, whatever the export and its range —
//   without a viewer token anyone may ask, so a new range each time must not add a record each time.
// - Single sign-on callbacks: the pending cookie is sealed, so a made-up one is refused before the
//   provider is asked or anything is recorded.
// (Failed sign-ins, merged per name, address and minute, are sign-in-abuse.test.ts's.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PendingCookie } from '../../server/accounts/pending-cookie';
import { storedRows } from '../support/stored';
import { ManualClock, startServer, type TestServer } from '../support/test-server';

const clock = new ManualClock(Date.parse('2026-12-03T10:00:00+08:00'));
let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    clock,
    env: {
      // Configured, but never reached: a forged callback must not get that far.
      FRAUDWALL_OIDC_ISSUER: 'http://127.0.0.1:9',
      FRAUDWALL_OIDC_CLIENT_ID: 'fraudwall',
      FRAUDWALL_OIDC_CLIENT_SECRET: 'secret',
      FRAUDWALL_OIDC_REDIRECT_URI: 'http://127.0.0.1:8080/api/v1/session/oidc/callback',
    },
  });
});
afterAll(() => server.destroy());

const auditCount = async () => Number((await storedRows<{ n: number }>(server, 'SELECT count(*) AS n FROM audit'))[0]!.n);

describe('the audit trail is bounded by who can write it', () => {
  it('records one export a minute per viewer and address, whatever the range', async () => {
    const before = await auditCount();
    for (let day = 1; day <= 40; day++) {
      const to = `2026-11-${String(Math.min(day, 30)).padStart(2, '0')}`;
      const answer = await fetch(`${server.url}/api/v1/exports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: day % 2 === 0 ? 'report' : 'briefing-png', from: '2026-11-01', to }),
      });
      expect(answer.status).toBe(204);
    }
    expect((await auditCount()) - before).toBe(1);
  });

  it('refuses a made-up single sign-on cookie before anything is recorded', async () => {
    const before = await auditCount();
    const unsealed = Buffer.from(JSON.stringify({ verifier: 'v', state: 's', nonce: 'n', returnTo: '/console' })).toString('base64url');
    const sealedElsewhere = new PendingCookie('ab'.repeat(32)).seal({ verifier: 'v', state: 's', nonce: 'n', returnTo: '/console' }, clock.ms);
    for (const cookie of [unsealed, sealedElsewhere, `${unsealed}.AAAA`]) {
      const answer = await fetch(`${server.url}/api/v1/session/oidc/callback?code=x&state=s`, { headers: { cookie: `fraudwall_oidc=${cookie}` }, redirect: 'manual' });
      expect(answer.status).toBe(302);
      expect(answer.headers.get('location')).toBe('/console?signin_error=expired');
    }
    // A clean stop writes every merged record still held (and its own): none of them from these callbacks.
    await server.close();
    const after = await storedRows<{ action: string; object: string }>(server, `SELECT action, object FROM audit WHERE seq > ${before} ORDER BY seq`);
    expect(after.filter((record) => record.action === 'sign-in')).toEqual([]);
  });
});

describe('the sealed pending cookie', () => {
  const cookies = new PendingCookie('cd'.repeat(32));
  const pending = { verifier: 'v', state: 's', nonce: 'n', returnTo: '/admin' };

  it('opens what it sealed, within ten minutes', () => {
    const sealed = cookies.seal(pending, 0);
    expect(cookies.open(sealed, 10 * 60_000)).toEqual(pending);
    expect(cookies.open(sealed, 10 * 60_000 + 1)).toBeUndefined();
  });

  it('refuses one altered', () => {
    const [payload, mac] = cookies.seal(pending, 0).split('.');
    const altered = Buffer.from(JSON.stringify({ ...pending, returnTo: '/console', expiresMs: 600_000 })).toString('base64url');
    expect(cookies.open(`${altered}.${mac}`, 0)).toBeUndefined();
    expect(cookies.open(`${payload}.${mac}x`, 0)).toBeUndefined();
    expect(cookies.open(undefined, 0)).toBeUndefined();
  });
});
