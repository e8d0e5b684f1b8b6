// Issue 22, item 8: device accounts restrict what they are meant to. Once a device account
// exists, walls need a token — no token no longer gets the whole region — and a revoked token
// (the device disabled, or a token never issued) is refused, never taken for none. Runs on both
// engines (the conformance suite).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/protocol/wall-state';
import { SHAOXING } from '../fixtures/events';
import { asAccount, signIn, storeAccount, type SignedIn } from '../support/accounts';
import { ManualClock, startServer, type TestServer } from '../support/test-server';
import { WallClient } from '../support/wall-client';

const clock = new ManualClock(Date.parse('2026-12-03T10:00:00+08:00'));
let server: TestServer;
let admin: SignedIn;

beforeAll(async () => {
  // No viewer token configured: the walls start open.
  server = await startServer({ clock });
  await storeAccount(server, 'sx.admin', 'admin', '330600', clock.ms);
  admin = await signIn(server.url, 'sx.admin');
});
afterAll(() => server.destroy());

const snapshot = (token?: string) => fetch(`${server.url}/api/v1/snapshot`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

async function wallRefusal(token?: string): Promise<string> {
  const wall = new WallClient(server.url, token);
  try {
    await wall.connected();
    return 'connected';
  } catch (error) {
    return String(error);
  } finally {
    wall.close();
  }
}

describe('walls once device accounts exist', () => {
  it('refuses a token that is not valid even while walls are open', async () => {
    expect((await snapshot()).status).toBe(200);
    expect((await snapshot('fwd_a-token-nobody-ever-issued-000000000000000000')).status).toBe(401);
    expect(await wallRefusal('fwd_a-token-nobody-ever-issued-000000000000000000')).toMatch(/not valid/);
  });

  it('needs a token once a device account exists, and refuses a disabled device’s token and no token alike', async () => {
    const added = await asAccount(server.url, admin, '/api/v1/accounts', { method: 'POST', csrf: true, body: JSON.stringify({ username: 'kq.kiosk', role: 'device', scope: SHAOXING.keqiao }) });
    expect(added.status).toBe(201);
    const { token } = (await added.json()) as { token: string };

    expect((await snapshot()).status).toBe(401);
    expect(await wallRefusal()).toMatch(/token is required/);
    const own = (await (await snapshot(token)).json()) as Snapshot;
    expect(own.scope.adcode).toBe(SHAOXING.keqiao);

    const disabled = await asAccount(server.url, admin, '/api/v1/accounts/kq.kiosk', { method: 'PATCH', csrf: true, body: JSON.stringify({ disabled: true }) });
    expect(disabled.status).toBe(200);
    // The kiosk reconnects with its revoked token, and with none: neither gets the city.
    expect((await snapshot(token)).status).toBe(401);
    expect(await wallRefusal(token)).toMatch(/not valid/);
    expect((await snapshot()).status).toBe(401);
    expect(await wallRefusal()).toMatch(/token is required/);
  });
});
