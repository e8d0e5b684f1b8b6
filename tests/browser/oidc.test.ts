// Single sign-on end to end (issue 14): a real OpenID provider (`oidc-provider`, started here)
// and real Chromium. An operator clicks 统一身份认证登录 on /console, signs in at the provider,
// and is back on the console with a session of their own — their role and scope from the
// provider's claims; a person the provider gives a role fraudwall does not take is refused with
// the reason, and no session.
import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config';
import { contact, SHAOXING, warning } from '../fixtures/events';
import { buildClient, HAS_CHROMIUM, launchBrowser, screenshotPath, type Browser } from '../support/browser';
import { freePort } from '../support/free-port';
import { storedRows } from '../support/stored';
import { ManualClock, startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

const CLIENT_ID = 'fraudwall';
const CLIENT_SECRET = 'a client secret of the test provider';
/** The people the provider knows, with the claims it gives them. */
const PEOPLE: Record<string, Record<string, string>> = {
  'kq.chief': { preferred_username: 'kq.chief', fraudwall_role: 'operator', fraudwall_scope: SHAOXING.keqiao },
  'zj.screen': { preferred_username: 'zj.screen', fraudwall_role: 'device', fraudwall_scope: SHAOXING.zhuji },
  // Another person (another subject) whom the provider shows under kq.chief's name.
  'kq.namesake': { preferred_username: 'kq.chief', fraudwall_role: 'admin', fraudwall_scope: '330600' },
};

/** The real time, moved on by hand only to end a minute of merged refusals. */
const clock = new ManualClock(Date.now());
let server: TestServer;
let provider: Server;
let browser: Browser;
let page: Page;

/** A new browser session signs on through the provider as `login`, and comes back to the console refused. */
async function refusedSignOn(login: string): Promise<void> {
  await browser.context.clearCookies();
  await page.goto(`${server.url}/console`);
  await page.locator('[data-sso]').click();
  await page.waitForURL((url) => url.port !== new URL(server.url).port);
  await signInAtProvider(login);
  await page.waitForURL((url) => url.pathname === '/console' && url.searchParams.has('signin_error'));
}

/** At the provider's own pages: sign in as `login`, then allow fraudwall. */
async function signInAtProvider(login: string): Promise<void> {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password the test provider takes');
  await page.locator('button[type="submit"]').click();
  // The provider asks once whether fraudwall may have the claims.
  await page.locator('button[type="submit"]').click();
}

describe.skipIf(!HAS_CHROMIUM)('single sign-on in Chromium', () => {
  beforeAll(async () => {
    const clientDir = await buildClient();
    const providerPort = await freePort();
    const issuer = `http://127.0.0.1:${providerPort}`;
    // The server first: the provider must know where to send people back.
    const serverPort = await freePort();
    const redirectUri = `http://127.0.0.1:${serverPort}/api/v1/session/oidc/callback`;
    server = await startServer({
      clientDir,
      clock,
      env: {
        PORT: String(serverPort),
        FRAUDWALL_OIDC_ISSUER: issuer,
        FRAUDWALL_OIDC_CLIENT_ID: CLIENT_ID,
        FRAUDWALL_OIDC_CLIENT_SECRET: CLIENT_SECRET,
        FRAUDWALL_OIDC_REDIRECT_URI: redirectUri,
      },
    });
    const oidc = new Provider(issuer, {
      clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
      claims: { openid: ['sub'], profile: ['preferred_username', 'fraudwall_role', 'fraudwall_scope'] },
      findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, ...PEOPLE[id] }) }),
      cookies: { keys: ['a cookie key of the test provider'] },
    });
    provider = oidc.listen(providerPort);
    const now = Date.now();
    await server.ingest([
      warning('sso-w1', new Date(now - 600_000).toISOString(), { county: SHAOXING.keqiao }),
      contact('sso-c1', 'sso-w1', new Date(now - 500_000).toISOString(), { county: SHAOXING.keqiao, result: 'unreachable' }),
      warning('sso-w2', new Date(now - 400_000).toISOString(), { county: SHAOXING.zhuji }),
      contact('sso-c2', 'sso-w2', new Date(now - 300_000).toISOString(), { county: SHAOXING.zhuji, result: 'unreachable' }),
    ]);
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    provider?.close();
    await server?.destroy();
  });

  it('signs an operator in through the provider, with the role and scope it gives', async () => {
    await page.goto(`${server.url}/console`);
    await page.locator('[data-sso]').click();
    await page.waitForURL((url) => url.port !== new URL(server.url).port);
    await signInAtProvider('kq.chief');
    await page.waitForURL(`${server.url}/console`);
    // Its own county's escalation only: the scope is the provider's claim.
    await page.locator('[data-console-escalation="sso-w1"]').waitFor({ timeout: 8_000 });
    expect(await page.locator('[data-console-escalation]').count()).toBe(1);
    expect(await page.locator('.who').textContent()).toBe('kq.chief');
    await page.screenshot({ path: screenshotPath('console-after-sso-1920x1080.png') });

    const [account] = await storedRows<{ role: string; scope: string; password_hash: string }>(server, "SELECT role, scope, password_hash FROM accounts WHERE username = 'kq.chief'");
    expect(account).toEqual({ role: 'operator', scope: SHAOXING.keqiao, password_hash: '' });
    const audit = await storedRows<{ actor: string; object: string; result: string }>(server, "SELECT actor, object, result FROM audit WHERE action = 'sign-in'");
    expect(audit).toEqual([{ actor: 'kq.chief', object: 'oidc', result: 'ok' }]);
  });

  it('refuses a person the provider gives a role fraudwall does not take, and says why', async () => {
    await page.locator('button.signout').click();
    // A new person at the provider: its own session ends too.
    await refusedSignOn('zj.screen');
    await waitFor(async () => expect(await page.getByRole('alert').textContent()).toContain('统一身份认证未能登录'));
    expect((await page.evaluate(() => fetch('/api/v1/session').then((r) => r.status)))).toBe(401);
    // Refusals are merged a minute at a time (audit/merged-failures.ts): the minute ends.
    clock.ms += 60_000;
    const refused = await waitFor(async () => {
      const [row] = await storedRows<{ result: string; object: string }>(server, "SELECT result, object FROM audit WHERE action = 'sign-in' AND object LIKE 'oidc%' ORDER BY seq DESC LIMIT 1");
      expect(row?.object).toBe('oidc, 1 attempt');
      return row!;
    });
    expect(refused.result).toBe('fraudwall_role: must be one of admin, operator, leader');
  });

  it('binds an account to the provider’s (issuer, subject): another person shown under the same name is refused, and the trail says why', async () => {
    const [binding] = await storedRows<{ issuer: string; subject: string }>(server, "SELECT issuer, subject FROM sso_bindings WHERE username = 'kq.chief'");
    expect(binding).toEqual({ issuer: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), subject: 'kq.chief' });
    await refusedSignOn('kq.namesake');
    expect((await page.evaluate(() => fetch('/api/v1/session').then((r) => r.status)))).toBe(401);
    // kq.chief's account kept its role: the namesake's admin claim changed nothing.
    const [account] = await storedRows<{ role: string }>(server, "SELECT role FROM accounts WHERE username = 'kq.chief'");
    expect(account!.role).toBe('operator');
    clock.ms += 60_000;
    const refused = await waitFor(async () => {
      const [row] = await storedRows<{ actor: string; result: string }>(server, "SELECT actor, result FROM audit WHERE action = 'sign-in' AND object LIKE 'oidc%' ORDER BY seq DESC LIMIT 1");
      expect(row?.result).toMatch(/belongs to another person/);
      return row!;
    });
    expect(refused).toEqual({ actor: 'kq.chief', result: 'the account kq.chief belongs to another person at the identity provider (subject kq.chief, not kq.namesake)' });
  });
});

describe('FRAUDWALL_OIDC_*', () => {
  it('needs all four settings or none, naming the missing ones', () => {
    expect(() => readConfig({ FRAUDWALL_OIDC_ISSUER: 'https://idp.example.gov.cn', FRAUDWALL_OIDC_CLIENT_ID: 'fraudwall' })).toThrow(
      'FRAUDWALL_OIDC_CLIENT_SECRET, FRAUDWALL_OIDC_REDIRECT_URI: single sign-on needs all of',
    );
  });
});
