// Hands for the room (issue 25), in real Chromium, on a server whose clock runs ×10 like the
// demo's: a city's wall (a device account) follows the scenes pushed to it within a second —
// focus on a county, a notice, a freeze, the briefing, identify, reload — and comes back in its
// scene after a reload; a county's wall goes back to live when its scene's real minute is up;
// the banner of an unclaimed escalation is still up after 60 real seconds and gone within a
// second of the claim, and the holder's name is on the wall's card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { contact, SHAOXING, warning } from '../fixtures/events';
import { asAccount, signIn, storeAccount, type SignedIn } from '../support/accounts';
import { buildClient, HAS_CHROMIUM, launchBrowser, screenshotPath, type Browser } from '../support/browser';
import { startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

const SPEED = 10;
const realStart = Date.now();
const serverStart = Date.parse('2026-11-27T14:00:00+08:00');
/** The demo's clock: ten server seconds pass in every real one. */
const clock = { now: () => serverStart + (Date.now() - realStart) * SPEED, rate: SPEED };
const serverIso = (ms: number) => new Date(ms).toISOString();

let server: TestServer;
let browser: Browser;
let cityWall: Page;
let countyWall: Page;
let operator: SignedIn;
let keqiaoOperator: SignedIn;
let leader: SignedIn;
let admin: SignedIn;
const tokens: Record<string, string> = {};
let cityLoads = 0;
/** When the county's notice went up and the unclaimed escalation arrived (real ms). */
let arrivedAt = 0;

const push = (who: SignedIn, body: unknown) => asAccount(server.url, who, '/api/v1/walls/scene', { method: 'POST', csrf: true, body: JSON.stringify(body) });
const claim = (who: SignedIn, warningId: string) => asAccount(server.url, who, `/api/v1/escalations/${warningId}/claim`, { method: 'POST', csrf: true });
const shown = (page: Page, view: string) => page.locator(`[data-view="${view}"].shown`);

async function device(username: string, scope: string, displayName: string): Promise<void> {
  const added = await asAccount(server.url, admin, '/api/v1/accounts', { method: 'POST', csrf: true, body: JSON.stringify({ username, role: 'device', scope, displayName }) });
  tokens[username] = ((await added.json()) as { token: string }).token;
}

/** Pushes a scene and resolves once `visible` holds on the page, failing past a second. */
async function pushAndSee(body: unknown, visible: () => Promise<void>): Promise<number> {
  const sent = Date.now();
  const answer = await push(operator, body);
  expect(answer.status, await answer.clone().text()).toBeLessThan(300);
  await waitFor(visible, 1_000);
  return Date.now() - sent;
}

describe.skipIf(!HAS_CHROMIUM)('hands for the room, in Chromium', () => {
  beforeAll(async () => {
    const clientDir = await buildClient();
    server = await startServer({ clientDir, clock });
    await storeAccount(server, 'sx.op', 'operator', '330600', clock.now(), undefined, '张三');
    await storeAccount(server, 'kq.op', 'operator', SHAOXING.keqiao, clock.now(), undefined, '李四');
    await storeAccount(server, 'sx.leader', 'leader', '330600', clock.now(), undefined, '王局');
    await storeAccount(server, 'sx.admin', 'admin', '330600', clock.now());
    operator = await signIn(server.url, 'sx.op');
    keqiaoOperator = await signIn(server.url, 'kq.op');
    leader = await signIn(server.url, 'sx.leader');
    admin = await signIn(server.url, 'sx.admin');
    await device('sx.left', '330600', '会商室左屏');
    await device('kq.wall', SHAOXING.keqiao, '柯桥中心大屏');
    browser = await launchBrowser();
    cityWall = await browser.context.newPage();
    cityWall.on('load', () => cityLoads++);
    await cityWall.goto(`${server.url}/?token=${tokens['sx.left']}`);
    countyWall = await browser.context.newPage();
    await countyWall.goto(`${server.url}/?token=${tokens['kq.wall']}`);
    for (const page of [cityWall, countyWall]) await page.locator('[data-kpi="warnings"]').first().waitFor({ timeout: 20_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  it('raises a banner for an unclaimed escalation, and the county’s notice for one real minute', async () => {
    const now = clock.now();
    await server.ingest([
      warning('hr-w1', serverIso(now - 60_000), { county: SHAOXING.keqiao, victim: { phone: '13812345678', name: '刘洋' } }),
      contact('hr-c1', 'hr-w1', serverIso(now - 30_000), { county: SHAOXING.keqiao, result: 'unreachable' }),
    ]);
    arrivedAt = Date.now();
    expect((await asAccount(server.url, keqiaoOperator, '/api/v1/walls/scene', { method: 'POST', csrf: true, body: JSON.stringify({ scope: SHAOXING.keqiao, scene: { kind: 'message', text: '柯桥区今晚 20:00 开展集中宣讲' }, minutes: 1 }) })).status).toBe(201);
    for (const page of [cityWall, countyWall]) {
      await waitFor(async () => {
        expect(await page.getByTestId('escalation-alert').first().isVisible()).toBe(true);
        expect(await page.getByTestId('escalation-alert').first().textContent()).toMatch(/新增 1 起未认领 · 柯桥区/);
      }, 3_000);
    }
    await waitFor(async () => expect(await countyWall.getByTestId('scene-message').textContent()).toContain('柯桥区今晚 20:00 开展集中宣讲'), 1_000);
    // The county's notice is the county's: the city's wall does not show it.
    expect(await cityWall.getByTestId('scene-message').count()).toBe(0);
  });

  it('focuses the city’s wall on a county within a second, with a badge saying so', async () => {
    await pushAndSee({ scope: '330600', scene: { kind: 'focus', adcode: SHAOXING.keqiao }, minutes: 20 }, async () => {
      expect(await shown(cityWall, 'focus').getAttribute('data-adcode')).toBe(SHAOXING.keqiao);
    });
    const focused = shown(cityWall, 'focus');
    await focused.locator('[data-kpi="warnings"]').waitFor({ timeout: 5_000 });
    expect(await focused.getByTestId('scene-badge').textContent()).toMatch(/聚焦 柯桥区 · 至 \d\d:\d\d · 张三/);
    expect(await focused.locator('header').first().textContent()).toContain('柯桥区');
    await cityWall.screenshot({ path: screenshotPath('scene-focus-1920x1080.png') });
  });

  it('shows a notice over the live figures', async () => {
    await pushAndSee({ scope: '330600', scene: { kind: 'message', text: '请各单位 15:30 前报送今日劝阻情况' } }, async () => {
      expect(await shown(cityWall, 'live').getByTestId('scene-message').textContent()).toContain('请各单位 15:30 前报送今日劝阻情况');
    });
    expect(await shown(cityWall, 'focus').count()).toBe(0);
    await cityWall.screenshot({ path: screenshotPath('scene-message-1920x1080.png') });
  });

  it('freezes every figure and the clock, says since when, and lets them run again when it ends', async () => {
    await pushAndSee({ scope: '330600', scene: { kind: 'freeze' } }, async () => {
      expect(await cityWall.getByTestId('frozen-at').textContent()).toMatch(/数据冻结于 \d\d:\d\d:\d\d/);
    });
    const clockText = () => cityWall.getByTestId('clock').first().textContent();
    const held = await clockText();
    // Ten server seconds pass in every real one: a running clock would have moved.
    await cityWall.waitForTimeout(1_500);
    expect(await clockText()).toBe(held);
    expect(await cityWall.getByTestId('frozen-at').textContent()).toContain(held!);
    await cityWall.screenshot({ path: screenshotPath('scene-freeze-1920x1080.png') });
    expect((await push(operator, { scope: '330600', scene: { kind: 'live' } })).status).toBe(200);
    await waitFor(async () => expect(await clockText()).not.toBe(held), 1_500);
    expect(await cityWall.getByTestId('scene-badge').count()).toBe(0);
  });

  it('puts the walls into the briefing from a leader’s briefing page, with no buttons on the kiosk, and comes back in it after a reload', async () => {
    const briefingPage = await browser.context.newPage();
    await briefingPage.context().addCookies([{ name: cookieName(leader), value: cookieValue(leader), url: server.url }]);
    await briefingPage.goto(`${server.url}/briefing`);
    await briefingPage.locator('[data-remote="open"]').click();
    await briefingPage.locator('[data-remote="briefing"]').waitFor({ timeout: 5_000 });
    const sent = Date.now();
    await briefingPage.locator('[data-remote="briefing"]').click();
    await waitFor(async () => expect(await shown(cityWall, 'briefing').count()).toBe(1), 1_500);
    expect(Date.now() - sent).toBeLessThan(1_500);
    await waitFor(async () => expect(await shown(cityWall, 'briefing').getByTestId('scene-badge').textContent()).toMatch(/简报模式（今日） · 至 \d\d:\d\d · 王局/));
    // A kiosk in a scene shows no buttons.
    expect(await shown(cityWall, 'briefing').locator('button').count()).toBe(0);
    await briefingPage.screenshot({ path: screenshotPath('briefing-remote-1920x1080.png') });
    await cityWall.screenshot({ path: screenshotPath('scene-briefing-1920x1080.png') });
    await cityWall.reload();
    await waitFor(async () => expect(await shown(cityWall, 'briefing').count()).toBe(1), 5_000);
    await briefingPage.locator('[data-remote="freeze"]').click();
    await waitFor(async () => expect(await cityWall.getByTestId('frozen-at').count()).toBe(1), 1_500);
    await briefingPage.locator('[data-remote="live"]').click();
    await waitFor(async () => expect(await shown(cityWall, 'live').count()).toBe(1), 1_500);
    await briefingPage.close();
  });

  it('says which screen is which for ten seconds, and reloads a kiosk once', async () => {
    await pushAndSee({ scope: '330600', scene: { kind: 'identify' } }, async () => {
      expect(await cityWall.getByTestId('identify').first().textContent()).toMatch(/会商室左屏\s*绍兴市/);
    });
    await cityWall.screenshot({ path: screenshotPath('scene-identify-1920x1080.png') });
    await waitFor(async () => expect(await cityWall.getByTestId('identify').count()).toBe(0), 12_000);
    const before = cityLoads;
    expect((await push(operator, { scope: '330600', scene: { kind: 'reload' } })).status).toBe(201);
    await waitFor(() => expect(cityLoads).toBe(before + 1), 5_000);
    await cityWall.locator('[data-kpi="warnings"]').first().waitFor({ timeout: 20_000 });
    // Back, it finds the command done: it does not reload again.
    await cityWall.waitForTimeout(2_000);
    expect(cityLoads).toBe(before + 1);
  });

  it('follows its scope’s playlist from the server without a URL change', async () => {
    const set = await asAccount(server.url, admin, '/api/v1/walls/playlist', {
      method: 'PUT',
      csrf: true,
      body: JSON.stringify({ scope: '330600', entries: [{ scene: { kind: 'briefing', period: 'today' }, seconds: 5 }, { scene: { kind: 'live' }, seconds: 5 }] }),
    });
    expect(set.status).toBe(200);
    await waitFor(async () => expect(await shown(cityWall, 'briefing').count()).toBe(1), 1_500);
    await waitFor(async () => expect(await shown(cityWall, 'live').count()).toBe(1), 7_000);
    await waitFor(async () => expect(await shown(cityWall, 'briefing').count()).toBe(1), 7_000);
    expect(await shown(cityWall, 'briefing').locator('button').count()).toBe(0);
    await asAccount(server.url, admin, '/api/v1/walls/playlist', { method: 'PUT', csrf: true, body: JSON.stringify({ scope: '330600', entries: [] }) });
    await waitFor(async () => expect(await shown(cityWall, 'live').count()).toBe(1), 1_500);
  });

  it('refuses a county operator the city’s walls, and a device or a leader a claim', async () => {
    expect((await push(keqiaoOperator, { scope: '330600', scene: { kind: 'freeze' } })).status).toBe(403);
    expect((await claim(leader, 'hr-w1')).status).toBe(403);
    const byDevice = await fetch(`${server.url}/api/v1/escalations/hr-w1/claim`, { method: 'POST', headers: { authorization: `Bearer ${tokens['sx.left']}` } });
    expect(byDevice.status).toBe(403);
  });

  it('keeps the banner up 60 real seconds on the ×10 clock, sends the county back to live when its minute is up, and drops the banner within a second of the claim', async () => {
    await waitFor(() => expect(Date.now() - arrivedAt).toBeGreaterThanOrEqual(60_000), 70_000);
    // Ten minutes passed on the server's clock: whatever timed the banner on it would have let it go.
    for (const page of [cityWall, countyWall]) {
      expect(await page.getByTestId('escalation-alert').first().isVisible()).toBe(true);
      expect(await page.getByTestId('escalation-alert').first().textContent()).toMatch(/新增 1 起未认领/);
    }
    await waitFor(async () => expect(await countyWall.getByTestId('scene-message').count()).toBe(0), 3_000);
    expect(await countyWall.getByTestId('scene-badge').count()).toBe(0);
    await cityWall.screenshot({ path: screenshotPath('wall-unclaimed-1920x1080.png') });

    const answers = await Promise.all([claim(operator, 'hr-w1'), claim(keqiaoOperator, 'hr-w1')]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const holder = answers[0]!.status === 201 ? '张三' : '李四';
    const claimed = Date.now();
    for (const page of [cityWall, countyWall]) await waitFor(async () => expect(await page.getByTestId('escalation-alert').first().isVisible()).toBe(false), 1_500);
    expect(Date.now() - claimed).toBeLessThan(1_500);
    await waitFor(async () => expect(await cityWall.locator('[data-escalation="hr-w1"] [data-holder]').textContent()).toBe(holder), 1_500);
    await cityWall.screenshot({ path: screenshotPath('wall-holder-1920x1080.png') });
  }, 90_000);

  it('puts an escalation on the wall large, masked, and looks right at 4K and on a 32:9 LED wall', async () => {
    await pushAndSee({ scope: '330600', scene: { kind: 'escalation', warningId: 'hr-w1' } }, async () => {
      expect(await cityWall.getByTestId('scene-escalation').textContent()).toMatch(/柯桥区[\s\S]*138\*\*\*\*5678[\s\S]*刘\*[\s\S]*处置人/);
    });
    expect(await cityWall.getByTestId('scene-escalation').textContent()).not.toContain('13812345678');
    await cityWall.screenshot({ path: screenshotPath('scene-escalation-1920x1080.png') });
    for (const [width, height] of [
      [3840, 2160],
      [3840, 1080],
    ] as const) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width, height });
      await page.goto(`${server.url}/?token=${tokens['sx.left']}`);
      await page.getByTestId('scene-escalation').waitFor({ timeout: 20_000 });
      await page.screenshot({ path: screenshotPath(`scene-escalation-${width}x${height}.png`) });
      await push(operator, { scope: '330600', scene: { kind: 'briefing', period: 'year' } });
      await shown(page, 'briefing').getByTestId('scene-badge').waitFor({ timeout: 5_000 });
      await page.waitForTimeout(1_500);
      await page.screenshot({ path: screenshotPath(`scene-briefing-${width}x${height}.png`) });
      await push(operator, { scope: '330600', scene: { kind: 'message', text: '请各单位 15:30 前报送今日劝阻情况' } });
      await page.getByTestId('scene-message').first().waitFor({ timeout: 5_000 });
      await page.screenshot({ path: screenshotPath(`scene-message-${width}x${height}.png`) });
      await push(operator, { scope: '330600', scene: { kind: 'escalation', warningId: 'hr-w1' } });
      await page.close();
    }
  }, 90_000);
});

// A signed-in session, for a browser page's cookie jar.
function cookieName(who: SignedIn): string {
  return who.cookie.split('=')[0]!;
}
function cookieValue(who: SignedIn): string {
  return who.cookie.slice(who.cookie.indexOf('=') + 1);
}
