// Failed authentication never locks out the valid (contract.md, "Tokens and roles"): after 20
// failures from one address within a minute only further *failed* attempts get 429, a valid
// token is always served, and behind a trusted proxy the forwarded address is the client's.
import { afterEach, describe, expect, it } from 'vitest';
import { warning } from '../fixtures/events';
import { capturingLogger, INGEST_TOKEN, ManualClock, OPERATOR_TOKEN, startServer, VIEWER_TOKEN, type TestServer } from '../support/test-server';
import { WallClient } from '../support/wall-client';

const clock = new ManualClock(Date.parse('2026-11-27T10:00:00+08:00'));
let server: TestServer | undefined;
afterEach(() => server?.destroy());

const event = warning('limit-1', '2026-11-27T09:59:00+08:00');
const rejected = (token: string, headers: Record<string, string> = {}) =>
  fetch(`${server!.url}/api/v1/rejected`, { headers: { authorization: `Bearer ${token}`, ...headers } });

describe('failed authentication limit', () => {
  it('answers 429 to failures after 20 within a minute, until 60 s after the first, and serves valid tokens throughout', async () => {
    const { logger, lines } = capturingLogger();
    server = await startServer({ clock, logger, env: { FRAUDWALL_VIEWER_TOKEN: VIEWER_TOKEN } });
    // 403s (a valid token without the role) do not count.
    for (let i = 0; i < 25; i++) expect((await rejected(INGEST_TOKEN)).status).toBe(403);
    for (let i = 0; i < 20; i++) expect((await server.post([event], { token: `wrong-token-number-${i}` })).status).toBe(401);

    expect((await server.post([event], { token: 'yet-another-wrong-token' })).status).toBe(429);
    expect((await fetch(`${server.url}/api/v1/rejected`)).status).toBe(429);
    // The rightful clients behind the same address go on working: ingest, operator, a wall's socket.
    expect((await server.post([event])).status).toBe(200);
    expect((await rejected(OPERATOR_TOKEN)).status).toBe(200);
    const wall = new WallClient(server.url, VIEWER_TOKEN);
    await wall.connected();
    wall.close();
    const refused = new WallClient(server.url, 'a-wrong-viewer-token');
    await expect(refused.connected()).rejects.toThrow(/too many failed/);
    refused.close();

    clock.ms += 59_000;
    expect((await server.post([event], { token: 'still-a-wrong-token' })).status).toBe(429);
    clock.ms += 1_000;
    expect((await server.post([event], { token: 'still-a-wrong-token' })).status).toBe(401);

    // Failures and the lockout are logged with address and endpoint, never the token.
    const failures = lines.filter((l) => l['msg'] === 'failed authentication');
    expect(failures.length).toBeGreaterThanOrEqual(21);
    expect(failures[0]).toMatchObject({ address: '127.0.0.1', endpoint: 'POST /api/v1/events' });
    expect(lines.some((l) => l['msg'] === 'failed authentications locked out for the rest of the minute')).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('wrong-token-number');
  });

  it('tells clients behind a trusted proxy apart by X-Forwarded-For, and ignores that header from anyone else', async () => {
    server = await startServer({ clock, env: { FRAUDWALL_TRUST_PROXY: 'loopback' } });
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    for (let i = 0; i < 20; i++) expect((await rejected('wrong-token-of-a-kiosk', from('10.0.0.7'))).status).toBe(401);
    expect((await rejected('wrong-token-of-a-kiosk', from('10.0.0.7'))).status).toBe(429);
    // Another room behind the same proxy is not affected.
    expect((await rejected('wrong-token-of-a-kiosk', from('10.0.0.8'))).status).toBe(401);
    await server.destroy();

    server = await startServer({ clock });
    for (let i = 0; i < 20; i++) expect((await rejected('wrong-token-of-a-kiosk', from(`10.0.1.${i}`))).status).toBe(401);
    // Untrusted, the header is ignored: all of these came from 127.0.0.1.
    expect((await rejected('wrong-token-of-a-kiosk', from('10.0.2.1'))).status).toBe(429);
  });
});
