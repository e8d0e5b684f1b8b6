// One province deployment, three walls in Chromium: the province's (its cities on the map and
// in the ranking), a city's (its counties) and a county's (itself on its city's map, its place
// in the city) — each showing exactly its own scope's figures; and the province's briefing,
// whose index ranks the cities and leads to a city's own.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/protocol/wall-state';
import { regionPack } from '../../shared/region';
import { contact, interception, warning } from '../fixtures/events';
import { buildClient, HAS_CHROMIUM, launchBrowser, screenshotPath, type Browser } from '../support/browser';
import { startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

let server: TestServer;
let browser: Browser;

const SCOPES = [
  { adcode: '330000', name: 'province', places: regionPack('zhejiang').cities!.map((c) => c.adcode), placeLabel: '城市' },
  { adcode: '330600', name: 'city', places: regionPack('shaoxing').counties.map((c) => c.adcode), placeLabel: '区县' },
  // Thirteen counties, the small urban districts side by side: their labels must not pile up.
  { adcode: '330100', name: 'hangzhou', places: regionPack('hangzhou').counties.map((c) => c.adcode), placeLabel: '区县' },
  { adcode: '330603', name: 'county', places: ['330603'], placeLabel: '区县' },
] as const;

/** A few warnings in most cities, more in Hangzhou and Shaoxing; counted today whatever the hour. */
function morning(): Record<string, unknown>[] {
  const now = Date.now();
  const midnight = server.app.calendar.startOfDay(server.app.calendar.dayKey(now));
  const at = (secondsAgo: number) => new Date(Math.max(midnight + 1_000, now - secondsAgo * 1_000)).toISOString();
  const events: Record<string, unknown>[] = [];
  const counties = regionPack('zhejiang').counties;
  counties.forEach((county, i) => {
    const n = county.adcode.startsWith('3301') || county.adcode.startsWith('3306') ? 4 : i % 3;
    for (let k = 0; k < n; k++) {
      const id = `p-${county.adcode}-${k}`;
      events.push(warning(id, at(900 - k * 10), { county: county.adcode, level: k === 0 ? 'high' : 'medium', victim: { phone: '13812345678', name: '陈静' } }));
      if (k === 1) events.push(contact(`${id}-c`, id, at(600), { county: county.adcode, result: 'unreachable' }));
    }
    if (i % 4 === 0) events.push(interception(`p-${county.adcode}-i`, at(500), { county: county.adcode, amountFen: 3_456_700 }));
  });
  return events;
}

async function snapshotOf(scope: string): Promise<Snapshot> {
  const response = await fetch(`${server.url}/api/v1/snapshot?scope=${scope}`);
  return (await response.json()) as Snapshot;
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(String(error)));
  return errors;
}

describe.skipIf(!HAS_CHROMIUM)('province, city and county walls in Chromium', () => {
  beforeAll(async () => {
    const clientDir = await buildClient();
    server = await startServer({ clientDir, env: { FRAUDWALL_REGION: 'zhejiang' } });
    await server.ingest(morning());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  for (const scope of SCOPES) {
    for (const [width, height] of [
      [1920, 1080],
      [3840, 2160],
    ] as const) {
      it(`shows the ${scope.name} (${scope.adcode}) its own figures at ${width}×${height}`, async () => {
        const snapshot = await snapshotOf(scope.adcode);
        const page = await browser.context.newPage();
        const errors = watchErrors(page);
        await page.setViewportSize({ width, height });
        try {
          await page.goto(`${server.url}/?scope=${scope.adcode}`);
          await waitFor(async () => {
            expect(Number(await page.locator('[data-kpi="warnings"] .value .count').getAttribute('data-value'))).toBe(snapshot.today.warnings.total);
          }, 15_000);
          const rows = await page.locator('[data-testid="county-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-county')));
          // Every row is one of this scope's places (all of them show in the page cycle: whole-danger.test.ts).
          expect(rows.length).toBeGreaterThan(0);
          for (const row of rows) expect(scope.places).toContain(row);
          expect(await page.locator('[data-testid="county-table"] thead th').first().textContent()).toBe(scope.placeLabel);
          const title = await page.locator('h1').first().textContent();
          if (scope.name === 'county') {
            expect(title).toContain('柯桥区');
            expect(await page.getByText(`绍兴市第${snapshot.rankInCity?.rank}/6`).count()).toBe(1);
          }
          await page.locator('[data-chart="map"][data-draws]').waitFor({ timeout: 15_000 });
          await page.waitForTimeout(2_000);
          await page.screenshot({ path: screenshotPath(`wall-${scope.name}-${width}x${height}.png`) });
          expect(errors).toEqual([]);
        } finally {
          await page.close();
        }
      }, 60_000);
    }
  }

  it('ranks the cities by the anti-fraud index in the province’s briefing, each leading to its own', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    try {
      await page.goto(`${server.url}/briefing?scope=330000`);
      const rows = page.locator('[data-testid="index-ranking"] tbody tr');
      await waitFor(async () => expect(await rows.count()).toBe(11), 15_000);
      const cities = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-county')));
      expect([...cities].sort()).toEqual(regionPack('zhejiang').cities!.map((c) => c.adcode));
      await page.waitForTimeout(1_500);
      await page.screenshot({ path: screenshotPath('briefing-province-1920x1080.png') });
      await page.locator('[data-testid="index-ranking"] tr[data-county="330600"] a').click();
      await page.waitForURL(/scope=330600/);
      await waitFor(async () => expect(await rows.count()).toBe(6), 15_000);
      expect(await page.locator('h1').first().textContent()).toContain('绍兴市');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
