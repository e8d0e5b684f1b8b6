// Failed authentications are rate-limited per address (contract.md, "Tokens and roles").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warning } from '../fixtures/events';
import { ManualClock, startServer, type TestServer } from '../support/test-server';

const clock = new ManualClock(Date.parse('2026-11-27T10:00:00+08:00'));
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ clock });
});
afterAll(() => server.destroy());

describe('failed authentication limit', () => {
  it('answers 429 after 20 failures within a minute, until 60 s after the first, not counting 403s', async () => {
    const event = warning('limit-1', '2026-11-27T09:59:00+08:00');
    // 403s (a valid token without the role) do not count.
    for (let i = 0; i < 25; i++) {
      const forbidden = await fetch(`${server.url}/api/v1/rejected`, { headers: { authorization: 'Bearer ingest-token-for-tests' } });
      expect(forbidden.status).toBe(403);
    }
    for (let i = 0; i < 20; i++) expect((await server.post([event], { token: `wrong-${i}-token` })).status).toBe(401);
    // Now even the right token is refused, and so is a socket handshake from the same address.
    expect((await server.post([event])).status).toBe(429);
    expect((await fetch(`${server.url}/api/v1/rejected`)).status).toBe(429);
    // An open endpoint asked without a token still answers.
    expect((await fetch(`${server.url}/api/v1/snapshot`)).status).toBe(200);
    clock.ms += 59_000;
    expect((await server.post([event])).status).toBe(429);
    clock.ms += 1_000;
    expect((await server.post([event])).status).toBe(200);
  });
});
