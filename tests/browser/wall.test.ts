// The wall in real Chromium against a real server fed with scripted events: what the room
// sees must be what the server knows, live, masked, and honest about a lost connection.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../server/store/sqlite/open-database';
import type { Page } from 'playwright-core';
import type { Snapshot } from '../../shared/protocol/wall-state';
import { contact, escalation, interception, outreach, SHAOXING, warning } from '../fixtures/events';
import { buildClient, HAS_CHROMIUM, launchBrowser, screenshotPath, type Browser } from '../support/browser';
import { startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

const RAW_PHONES = ['13800001111', '13900002222', '13700003333', '13600004444', '13500005555'];
let server: TestServer;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
let watchingErrors = true;

/** A moment a little earlier today, so the events count today whatever time the test runs. */
function earlierToday(secondsAgo: number): string {
  const now = Date.now();
  const midnight = server.app.calendar.startOfDay(server.app.calendar.dayKey(now));
  return new Date(Math.max(midnight + 1_000, now - secondsAgo * 1_000)).toISOString();
}

const kpiValue = (name: string) => page.locator(`[data-kpi="${name}"] .value .count`).getAttribute('data-value');
const countyCell = (adcode: string, field: string) =>
  page.locator(`[data-county="${adcode}"] [data-field="${field}"]`).textContent();

const CHARTS = ['volume', 'fraud-types', 'map'] as const;

/** How many times each chart was drawn (its data-draws). */
async function chartDraws(): Promise<Record<string, number>> {
  return Object.fromEntries(
    await Promise.all(CHARTS.map(async (name) => [name, Number(await page.locator(`[data-chart="${name}"]`).getAttribute('data-draws'))] as const)),
  );
}

/** From now on, every clear of a chart's canvas counts as one repaint of that chart (see chartPaints). */
async function countChartPaints(): Promise<void> {
  await page.evaluate(() => {
    const counted = window as unknown as { chartPaints?: Record<string, number> };
    if (counted.chartPaints) return;
    const paints: Record<string, number> = {};
    counted.chartPaints = paints;
    const clear = CanvasRenderingContext2D.prototype.clearRect;
    CanvasRenderingContext2D.prototype.clearRect = function (this: CanvasRenderingContext2D, ...area: [number, number, number, number]) {
      const chart = (this.canvas.closest('[data-chart]') as HTMLElement | null)?.dataset['chart'];
      if (chart) paints[chart] = (paints[chart] ?? 0) + 1;
      return clear.apply(this, area);
    };
  });
}

const chartPaints = () => page.evaluate(() => ({ ...(window as unknown as { chartPaints: Record<string, number> }).chartPaints }));

async function expectKpisToMatch(snapshot: Snapshot): Promise<void> {
  await waitFor(async () => {
    expect(Number(await kpiValue('warnings'))).toBe(snapshot.today.warnings.total);
    expect(Number(await kpiValue('dissuaded'))).toBe(snapshot.today.contacts.dissuaded);
    const hotline = snapshot.today.contacts.byChannel['96110'];
    expect(Number(await kpiValue('hotline'))).toBe(hotline.dissuaded + hotline.notDeceived + hotline.unreachable);
    expect(Number(await kpiValue('unreachable'))).toBe(snapshot.today.contacts.unreachable);
    expect(Number(await kpiValue('active-escalations'))).toBe(snapshot.today.escalations.active);
    expect(Number(await kpiValue('stop-payment'))).toBeCloseTo(snapshot.today.interceptedFen.stopPayment / 1e6, 6);
    expect(Number(await kpiValue('recovery'))).toBeCloseTo(snapshot.today.interceptedFen.recovery / 1e6, 6);
    expect(Number(await kpiValue('year-warnings'))).toBe(snapshot.year.warnings);
    expect(Number(await kpiValue('outreach'))).toBe(snapshot.year.outreachSessions);
  }, 6_000);
  // After the count-up settles, the text is the number itself.
  await waitFor(async () => {
    const text = await page.locator('[data-kpi="warnings"] .value').innerText();
    expect(text?.trim()).toBe(snapshot.today.warnings.total.toLocaleString('zh-CN'));
  }, 4_000);
}

describe.skipIf(!HAS_CHROMIUM)('the wall in Chromium', () => {
  beforeAll(async () => {
    const clientDir = await buildClient();
    server = await startServer({ clientDir });
    await server.ingest([
      warning('b-w1', earlierToday(600), { county: SHAOXING.keqiao, level: 'medium', victim: { phone: RAW_PHONES[0], name: '刘洋' } }),
      warning('b-w2', earlierToday(590), { county: SHAOXING.zhuji, level: 'high', source: 'province', victim: { phone: RAW_PHONES[1], name: '王芳' } }),
      warning('b-w3', earlierToday(580), { county: SHAOXING.zhuji, level: 'low', fraudType: 'loan', victim: { phone: RAW_PHONES[2] } }),
      contact('b-c1', 'b-w1', earlierToday(500), { county: SHAOXING.keqiao, result: 'dissuaded' }),
      contact('b-c2', 'b-w2', earlierToday(490), { county: SHAOXING.zhuji, result: 'unreachable' }),
      interception('b-i1', earlierToday(400), { county: SHAOXING.keqiao, amountFen: 12_345_600 }),
      interception('b-i2', earlierToday(390), { county: SHAOXING.zhuji, kind: 'recovery', amountFen: 800_000 }),
      outreach('b-o1', earlierToday(380), { county: SHAOXING.zhuji, sessions: 3, people: 1_250 }),
    ]);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('console', (message) => {
      if (watchingErrors && message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    await page.goto(`${server.url}/`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  it('shows the snapshot’s numbers in the KPI strip and the county table', async () => {
    const snapshot = await server.snapshot();
    await expectKpisToMatch(snapshot);
    expect(await countyCell(SHAOXING.zhuji, 'warnings')).toBe('2');
    expect(await countyCell(SHAOXING.zhuji, 'activeEscalations')).toBe('1');
    expect(await page.getByTestId('live-indicator').getAttribute('data-status')).toBe('live');
    // The year's money as leadership reads it (万元 / 亿元 with their precision), not a raw count of 万.
    expect(await page.locator('[data-kpi="stop-payment"] .sub').textContent()).toBe('本年 12.35万元');
    // 96110 today: two calls (both went out on it), one reached and dissuaded.
    expect(await kpiValue('hotline')).toBe('2');
    expect((await page.locator('[data-kpi="hotline"] .sub').innerText()).replace(/\s+/g, ' ')).toBe('接通 1 劝阻 1');
    // The year's outreach: three talks, 1,250 people.
    expect(await kpiValue('outreach')).toBe('3');
    expect((await page.locator('[data-kpi="outreach"] .sub').innerText()).replace(/\s+/g, ' ')).toBe('覆盖 1,250 人次');
  });

  it('puts an ingested event into the right number, county and chart within a few seconds', async () => {
    const mapBefore = await page.locator('[data-chart="map"]').getAttribute('aria-label');
    const volumeBefore = await page.locator('[data-chart="volume"]').getAttribute('aria-label');
    await server.ingest([warning('b-w4', earlierToday(60), { county: SHAOXING.xinchang, level: 'high', victim: { phone: RAW_PHONES[3], name: '张伟' } })]);
    await waitFor(async () => {
      expect(Number(await kpiValue('warnings'))).toBe(4);
      expect(await countyCell(SHAOXING.xinchang, 'warnings')).toBe('1');
      expect(await countyCell(SHAOXING.xinchang, 'highRisk')).toBe('1');
      expect(await page.locator('[data-chart="map"]').getAttribute('aria-label')).not.toBe(mapBefore);
      expect(await page.locator('[data-chart="volume"]').getAttribute('aria-label')).not.toBe(volumeBefore);
    }, 5_000);
    expect(await page.locator('[data-chart="map"]').getAttribute('aria-label')).toContain('新昌县');
  });

  it('draws a chart again only when its figures change, not for heartbeats or the clock', async () => {
    // Let the last ingest's updates land and its map ripple end (8 s), then watch a quiet wall:
    // heartbeats and the ticking clock only.
    await page.waitForTimeout(9_000);
    const quiet = await chartDraws();
    await page.waitForTimeout(4_000);
    expect(await chartDraws()).toEqual(quiet);
    // A money event changes no chart's figures either; a low-risk warning changes the volume and the types.
    await server.ingest([interception('b-i3', earlierToday(30), { county: SHAOXING.keqiao, amountFen: 50_000 })]);
    await waitFor(async () => expect(Number(await kpiValue('stop-payment'))).toBeGreaterThan(12));
    await page.waitForTimeout(2_000);
    expect(await chartDraws()).toEqual(quiet);
    await server.ingest([warning('b-w9', earlierToday(20), { county: SHAOXING.keqiao, level: 'low', fraudType: 'credit' })]);
    await waitFor(async () => {
      const after = await chartDraws();
      expect(after['volume']).toBe(quiet['volume']! + 1);
      expect(after['fraud-types']).toBe(quiet['fraud-types']! + 1);
    }, 4_000);
  });

  it('moves its charts straight to new figures when they change every second: a canvas paints once per draw, not every frame', async () => {
    await countChartPaints();
    const before = await chartDraws();
    // Low and medium warnings from both sources, 600 ms apart: no ripples, every chart changes.
    for (let i = 0; i < 10; i++) {
      await server.ingest([
        warning(`b-busy${i}`, earlierToday(15), {
          county: i % 2 ? SHAOXING.zhuji : SHAOXING.keqiao,
          level: i % 3 ? 'low' : 'medium',
          source: i % 2 ? 'province' : 'city',
          fraudType: i % 2 ? 'credit' : 'loan',
        }),
      ]);
      await page.waitForTimeout(600);
    }
    await page.waitForTimeout(1_500);
    const after = await chartDraws();
    const paints = await chartPaints();
    for (const name of CHARTS) {
      const drawn = after[name]! - before[name]!;
      expect(drawn, name).toBeGreaterThanOrEqual(3);
      // An update animation repaints every frame, about 60 a second: the first draw after a quiet
      // spell may animate (up to a second), every later one moves straight, painting once.
      expect(paints[name] ?? 0, name).toBeLessThanOrEqual(2 * drawn + 70);
    }
  });

  it('ripples over a county where a high-risk warning just came in, moved by the compositor while the map holds still', async () => {
    await countChartPaints();
    const paints = async () => (await chartPaints())['map'] ?? 0;
    const mapDraws = async () => (await chartDraws())['map']!;
    await server.ingest([warning('b-ripple', earlierToday(5), { county: SHAOXING.xinchang, level: 'high' })]);
    const ripple = page.locator(`[data-ripple="${SHAOXING.xinchang}"]`);
    await ripple.waitFor({ timeout: 5_000 });
    await page.waitForTimeout(600);
    await page.screenshot({ path: screenshotPath('wall-ripple-1920x1080.png') });
    // On the map, inside its box.
    const map = (await page.locator('[data-chart="map"]').boundingBox())!;
    const at = (await ripple.boundingBox())!;
    expect(at.x).toBeGreaterThan(map.x);
    expect(at.x + at.width).toBeLessThan(map.x + map.width);
    expect(at.y).toBeGreaterThan(map.y);
    expect(at.y + at.height).toBeLessThan(map.y + map.height);
    // Rings that the compositor animates (transform and opacity)...
    const rings = await page.evaluate(() =>
      document
        .getAnimations()
        .filter((a) => ((a.effect as KeyframeEffect).target as HTMLElement | null)?.dataset?.['ripple'] !== undefined)
        .map((a) => Object.keys((a.effect as KeyframeEffect).getKeyframes()[0]!).filter((k) => !['offset', 'easing', 'composite', 'computedOffset'].includes(k))),
    );
    expect(rings.length).toBe(2);
    for (const properties of rings) expect(properties.sort()).toEqual(['opacity', 'transform']);
    // ...while the map's canvas paints only for the draws its new figures need.
    const [paintsBefore, drawsBefore] = [await paints(), await mapDraws()];
    await page.waitForTimeout(3_000);
    expect((await paints()) - paintsBefore).toBeLessThanOrEqual(2 * ((await mapDraws()) - drawsBefore) + 2);
    // Three rings, then it is gone.
    await ripple.waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('puts an unreachable victim on the escalation board and takes the card off when resolved', async () => {
    await server.ingest([contact('b-c4', 'b-w4', earlierToday(30), { county: SHAOXING.xinchang, result: 'unreachable' })]);
    const card = page.locator('[data-escalation="b-w4"]');
    await waitFor(async () => expect(await card.count()).toBe(1), 5_000);
    expect(await card.locator('[data-phone]').textContent()).toBe('136****4444');
    expect(await card.textContent()).toContain('新昌县');
    expect(await page.locator('[data-escalation="b-w2"]').count()).toBe(1);

    await page.screenshot({ path: screenshotPath('wall-1920x1080.png') });
    await page.setViewportSize({ width: 3840, height: 2160 });
    await waitFor(async () => expect(await page.locator('[data-chart="map"] canvas').count()).toBeGreaterThan(0));
    await page.waitForTimeout(1_500);
    await page.screenshot({ path: screenshotPath('wall-3840x2160.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });

    await server.ingest([escalation('b-e4', 'b-w4', earlierToday(10), 'resolved', { county: SHAOXING.xinchang, outcome: 'dissuaded' })]);
    await waitFor(async () => expect(await card.count()).toBe(0), 5_000);
    expect(await page.locator('[data-leaving="b-w4"]').textContent()).toContain('劝回');
    expect(Number(await kpiValue('active-escalations'))).toBe(1);
  });

  it('never shows a phone number or a name unmasked', async () => {
    const text = (await page.locator('body').textContent()) ?? '';
    for (const phone of RAW_PHONES) expect(text).not.toContain(phone);
    for (const name of ['刘洋', '王芳', '张伟']) expect(text).not.toContain(name);
    expect(text).toMatch(/\d{3}\*{4}\d{4}/);
  });

  it('had no console errors (CSP violations included) while connected', () => {
    expect(consoleErrors).toEqual([]);
  });

  it('says 数据写入异常 within 6 s when the server cannot keep writes, and clears it by itself', async () => {
    // Another process holds the write lock: the store's health check cannot write.
    const blocker = new Database(path.join(server.dataDir, DATABASE_FILE));
    blocker.exec('BEGIN EXCLUSIVE');
    try {
      const blockedAt = Date.now();
      await page.getByTestId('storage-banner').waitFor({ state: 'visible', timeout: 8_000 });
      expect(Date.now() - blockedAt).toBeLessThan(6_000);
      expect(await page.getByTestId('storage-banner').textContent()).toContain('数据写入异常');
      await page.screenshot({ path: screenshotPath('wall-storage-1920x1080.png') });
    } finally {
      blocker.exec('ROLLBACK');
      blocker.close();
    }
    await page.getByTestId('storage-banner').waitFor({ state: 'detached', timeout: 8_000 });
  });

  it('says the data is not live within ~6 s of the server stopping, and recovers without a reload', async () => {
    const port = new URL(server.url).port;
    const dataDir = server.dataDir;
    // Connection-refused noise from the reconnect attempts is expected while the server is down.
    watchingErrors = false;
    await server.close();
    const stoppedAt = Date.now();
    await page.getByTestId('stale-banner').waitFor({ state: 'visible', timeout: 8_000 });
    expect(Date.now() - stoppedAt).toBeLessThan(7_000);
    expect(await page.getByTestId('stale-banner').textContent()).toContain('连接中断 · 数据停止于');
    await page.screenshot({ path: screenshotPath('wall-stale-1920x1080.png') });

    server = await startServer({ dataDir, clientDir: await buildClient(), env: { PORT: port } });
    await server.ingest([warning('b-w5', earlierToday(5), { county: SHAOXING.shangyu, victim: { phone: RAW_PHONES[4] } })]);
    await page.getByTestId('stale-banner').waitFor({ state: 'detached', timeout: 15_000 });
    watchingErrors = true;
    await expectKpisToMatch(await server.snapshot());
    // Six scripted warnings, the busy ten and the one that rippled.
    expect(Number(await kpiValue('warnings'))).toBe(17);
  });

  it('works the same over a compressed stream (FRAUDWALL_STREAM_COMPRESSION=1)', async () => {
    const compressed = await startServer({ clientDir: await buildClient(), env: { FRAUDWALL_STREAM_COMPRESSION: '1' } });
    const other = await browser.context.newPage();
    try {
      const handshake = await browser.context.newCDPSession(other);
      await handshake.send('Network.enable');
      let extensions = '';
      handshake.on('Network.webSocketHandshakeResponseReceived', ({ response }) => {
        extensions = String(response.headers['Sec-WebSocket-Extensions'] ?? response.headers['sec-websocket-extensions'] ?? '');
      });
      await other.goto(`${compressed.url}/`);
      await waitFor(() => expect(extensions).toContain('permessage-deflate'), 5_000);
      // A dozen warnings make a delta well over the 1 KB below which frames go uncompressed.
      await compressed.ingest(Array.from({ length: 12 }, (_, i) => warning(`z-w${i}`, earlierToday(100 - i), { county: SHAOXING.zhuji })));
      await waitFor(async () => {
        expect(await other.locator('[data-kpi="warnings"] .value .count').getAttribute('data-value')).toBe('12');
        expect(await other.locator(`[data-county="${SHAOXING.zhuji}"] [data-field="warnings"]`).textContent()).toBe('12');
      }, 5_000);
    } finally {
      await other.close();
      await compressed.destroy();
    }
  });
});
