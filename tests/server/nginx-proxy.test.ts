// fraudwall behind the shipped nginx site, as a center runs it — beside Debian's default site,
// still enabled as a fresh install leaves it (tests/support/nginx.ts): the API, the wall page and the
// wall stream (WebSocket upgrade) through the proxy, to a socket.io client and to a wall in Chromium, the client's address passed on so failed
// sign-ins count against the client and not against nginx, /metrics kept from the walls, and
// anonymous floods of sign-ins and health checks limited per address at nginx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warning } from '../fixtures/events';
import { HAS_NGINX, startNginx, type Nginx } from '../support/nginx';
import { capturingLogger, INGEST_TOKEN, startServer, type TestServer } from '../support/test-server';
import { WallClient } from '../support/wall-client';
import { waitFor } from '../support/wait-for';
import { buildClient, HAS_CHROMIUM, launchBrowser } from '../support/browser';

let server: TestServer;
let nginx: Nginx;
const { logger, lines } = capturingLogger();

describe.skipIf(!HAS_NGINX)('behind nginx', () => {
  beforeAll(async () => {
    server = await startServer({ logger, clientDir: await buildClient(), env: { FRAUDWALL_TRUST_PROXY: 'loopback' } });
    nginx = await startNginx(Number(new URL(server.url).port));
  });
  afterAll(async () => {
    await nginx?.stop();
    await server?.destroy();
  });

  it('answers for any name the machine is reached by, beside Debian’s default site', async () => {
    for (const host of ['10.0.0.10', 'wall.example']) {
      const answer = await fetch(`${nginx.url}/healthz`, { headers: { host } });
      expect(answer.status, host).toBe(200);
      expect(await answer.json()).toMatchObject({ ok: true });
    }
  });

  it('serves the API and the wall page, and streams to a wall over an upgraded WebSocket', async () => {
    expect((await fetch(`${nginx.url}/healthz`)).status).toBe(200);
    const page = await fetch(`${nginx.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module"');

    const wall = new WallClient(nginx.url);
    await wall.connected();
    expect((wall.socket.io.engine.transport as { name: string }).name).toBe('websocket');
    const body = [warning('ngx-1', new Date(Date.now() - 60_000).toISOString())];
    const answer = await fetch(`${nginx.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(await answer.json()).toMatchObject({ accepted: 1 });
    await waitFor(() => expect(wall.deltas.some((d) => d.recent?.some((e) => e.id === 'ngx-1'))).toBe(true));
    wall.close();
  });

  it.skipIf(!HAS_CHROMIUM)('shows a wall in Chromium that counts a new warning streamed through the proxy', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      const sockets: string[] = [];
      page.on('websocket', (ws) => sockets.push(ws.url()));
      await page.goto(`${nginx.url}/`);
      const warnings = page.locator('[data-kpi="warnings"] .value .count');
      await warnings.waitFor();
      const before = Number(await warnings.getAttribute('data-value'));
      const answer = await fetch(`${nginx.url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify([warning('ngx-wall-1', new Date(Date.now() - 30_000).toISOString())]),
      });
      expect(await answer.json()).toMatchObject({ accepted: 1 });
      await waitFor(async () => expect(Number(await warnings.getAttribute('data-value'))).toBe(before + 1), 10_000);
      expect(sockets.some((url) => url.startsWith(nginx.url.replace('http', 'ws')) && url.includes('transport=websocket'))).toBe(true);
    } finally {
      await browser.close();
    }
  });

  it('passes the client’s own address on, whatever X-Forwarded-For the client claims', async () => {
    for (let i = 0; i < 20; i++) {
      const refused = await fetch(`${nginx.url}/api/v1/rejected`, { headers: { authorization: 'Bearer a-wrong-token-at-nginx', 'x-forwarded-for': `10.0.0.${i}` } });
      expect(refused.status).toBe(401);
    }
    // All twenty came from this machine, not from twenty spoofed addresses.
    expect((await fetch(`${nginx.url}/api/v1/rejected`, { headers: { authorization: 'Bearer a-wrong-token-at-nginx', 'x-forwarded-for': '10.0.0.99' } })).status).toBe(429);
    const failures = lines.filter((l) => l['msg'] === 'failed authentication');
    expect(new Set(failures.map((l) => l['address']))).toEqual(new Set(['127.0.0.1']));
  });

  it('keeps /metrics to the monitoring host', async () => {
    expect((await fetch(`${nginx.url}/metrics`)).status).toBe(403);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(200);
  });

  it('logs each request without its query string, so a kiosk’s token never lands in the access log', async () => {
    const token = 'fwd_a-kiosk-token-that-must-not-be-logged';
    expect((await fetch(`${nginx.url}/?token=${token}&scope=330603`)).status).toBe(200);
    const line = await waitFor(() => {
      const logged = nginx.accessLog().split('\n').find((l) => l.includes('"GET / HTTP/1.1" 200'));
      expect(logged).toBeDefined();
      return logged!;
    });
    expect(line).toMatch(/^127\.0\.0\.1 /);
    expect(nginx.accessLog()).not.toContain(token);
    expect(nginx.accessLog()).not.toContain('scope=');
  });

  it('limits anonymous sign-ins and health checks per address before they reach a node, with Retry-After', async () => {
    const signIns = await Promise.all(
      Array.from({ length: 40 }, () =>
        fetch(`${nginx.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'nobody.here', password: 'not the password' }) }),
      ),
    );
    const limited = signIns.filter((answer) => answer.status === 429 && answer.headers.get('retry-after') === '1');
    expect(limited.length).toBeGreaterThanOrEqual(20);
    expect(await limited[0]!.json()).toEqual({ error: 'too many requests from this address; retry in a moment' });
    const health = await Promise.all(Array.from({ length: 80 }, () => fetch(`${nginx.url}/healthz`)));
    const statuses = health.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(20);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(30);
  });
});
