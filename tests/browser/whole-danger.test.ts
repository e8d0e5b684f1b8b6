// The whole danger on the wall at the province's size: ~180 open escalations in all 11 cities,
// ~80 of them past the red threshold. The board shows the overdue count the state has, and in its
// own page cycle every overdue escalation within 30 s; the ranking shows every city (and every
// one of Hangzhou's 13 districts) within 30 s. Screenshots at every wall shape for each scope.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CYCLE_MS } from '../../client/state/page-cycle.svelte';
import type { Snapshot } from '../../shared/protocol/wall-state';
import { regionPack } from '../../shared/region';
import { contact, warning } from '../fixtures/events';
import { buildClient, HAS_CHROMIUM, launchBrowser, screenshotPath, type Browser } from '../support/browser';
import { startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

let server: TestServer;
let browser: Browser;

/**
 * Two escalations per county, opened 5–25 or 35–150 minutes ago — never near the 30-minute
 * threshold, so the overdue count holds still while the test watches.
 */
function provinceAtSize(): Record<string, unknown>[] {
  const now = Date.now();
  const events: Record<string, unknown>[] = [];
  regionPack('zhejiang').counties.forEach((county, i) => {
    for (let k = 0; k < 2; k++) {
      const overdue = (i + k) % 9 < 4;
      const minutes = overdue ? 35 + ((i * 7 + k * 13) % 115) : 5 + ((i * 3 + k * 5) % 20);
      const id = `${county.adcode}-w${k}`;
      const at = (ago: number) => new Date(now - ago * 60_000).toISOString();
      events.push(warning(id, at(minutes + 2), { county: county.adcode, level: 'high', victim: { phone: '13812345678', name: '陈静' } }));
      events.push(contact(`${id}-c`, id, at(minutes), { county: county.adcode, result: 'unreachable' }));
    }
  });
  return events;
}

async function snapshotOf(scope: string): Promise<Snapshot> {
  return (await (await fetch(`${server.url}/api/v1/snapshot?scope=${scope}`)).json()) as Snapshot;
}

/** Every value of `attribute` seen in `selector` on the page over `ms` of real time (polled). */
async function seenOver(page: Page, selector: string, attribute: string, ms: number): Promise<Set<string>> {
  const seen = new Set<string>();
  const until = Date.now() + ms;
  while (Date.now() < until) {
    for (const value of await page.locator(selector).evaluateAll((nodes, name) => nodes.map((n) => n.getAttribute(name)), attribute)) {
      if (value) seen.add(value);
    }
    await page.waitForTimeout(250);
  }
  return seen;
}

async function openWall(scope: string, width: number, height: number): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(`${server.url}/?scope=${scope}`);
  await page.locator('[data-testid="escalations-overdue"]').waitFor({ timeout: 15_000 });
  await page.locator('[data-chart="map"][data-draws]').waitFor({ timeout: 15_000 });
  return page;
}

describe.skipIf(!HAS_CHROMIUM)('the whole danger on the wall, at the province’s size', () => {
  beforeAll(async () => {
    const clientDir = await buildClient();
    server = await startServer({ clientDir, env: { FRAUDWALL_REGION: 'zhejiang' } });
    await server.ingest(provinceAtSize());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  it('has the province at size: ≥ 150 open, ≥ 40 overdue, in all 11 cities', async () => {
    const province = await snapshotOf('330000');
    expect(province.today.escalations.active).toBeGreaterThanOrEqual(150);
    expect(province.today.escalations.overdue).toBeGreaterThanOrEqual(40);
    expect(province.cities!.filter((c) => c.overdueEscalations > 0)).toHaveLength(11);
  });

  for (const scope of [
    { adcode: '330000', name: 'province', places: regionPack('zhejiang').cities!.map((c) => c.adcode) },
    { adcode: '330100', name: 'hangzhou', places: regionPack('hangzhou').counties.map((c) => c.adcode) },
  ]) {
    it(`shows the ${scope.name}'s overdue count, and every overdue escalation and every place within 30 s`, async () => {
      const snapshot = await snapshotOf(scope.adcode);
      const overdueIds = snapshot.activeEscalations.slice(0, snapshot.today.escalations.overdue).map((e) => e.warningId);
      expect(overdueIds.length).toBeGreaterThan(0);
      const page = await openWall(scope.adcode, 1920, 1080);
      try {
        await waitFor(async () =>
          expect(await page.locator('[data-testid="escalations-overdue"] b').textContent()).toBe(String(snapshot.today.escalations.overdue)),
        );
        expect(await page.locator('[data-testid="escalations-open"] b').textContent()).toBe(String(snapshot.today.escalations.active));
        // At 1080 design pixels the board holds at least ten rows at once.
        expect(await page.locator('[data-escalation]').count()).toBeGreaterThanOrEqual(10);
        const [rows, places] = await Promise.all([
          seenOver(page, '[data-escalation]', 'data-escalation', CYCLE_MS + 1_000),
          seenOver(page, '[data-testid="county-table"] tbody tr', 'data-county', CYCLE_MS + 1_000),
        ]);
        expect(overdueIds.filter((id) => !rows.has(id))).toEqual([]);
        expect([...places].sort()).toEqual([...scope.places].sort());
      } finally {
        await page.close();
      }
    }, 90_000);
  }

  for (const scope of [
    { adcode: '330000', name: 'province', places: regionPack('zhejiang').cities!.map((c) => c.name) },
    { adcode: '330100', name: 'hangzhou', places: regionPack('hangzhou').counties.map((c) => c.name) },
    { adcode: '330600', name: 'shaoxing', places: regionPack('shaoxing').counties.map((c) => c.name) },
  ]) {
    it(`labels every place on the ${scope.name}'s map, no label, pin or ripple covering another label`, async () => {
      const page = await openWall(scope.adcode, 1920, 1080);
      try {
        await page.locator('[data-map-label]').first().waitFor({ timeout: 10_000 });
        const { labels, pins, unplaced } = await page.evaluate(() => {
          const rect = (e: Element) => {
            const r = e.getBoundingClientRect();
            return { id: e.getAttribute('data-map-label') ?? e.getAttribute('data-map-pin') ?? '', text: e.textContent ?? '', x: r.x, y: r.y, w: r.width, h: r.height };
          };
          return {
            labels: [...document.querySelectorAll('[data-map-label]')].map(rect),
            pins: [...document.querySelectorAll('[data-map-pin]')].map(rect),
            unplaced: document.querySelector('[data-testid="map-unplaced"]')?.textContent ?? '',
          };
        });
        const overlap = (a: (typeof labels)[number], b: (typeof labels)[number]) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) expect(overlap(labels[i]!, labels[j]!), `${labels[i]!.text} / ${labels[j]!.text}`).toBe(false);
        // A pin is part of its own label: it covers no other.
        for (const pin of pins) for (const label of labels.filter((l) => l.id !== pin.id)) expect(overlap(pin, label), `pin ${pin.id} on ${label.text}`).toBe(false);
        expect(pins.length).toBeGreaterThan(0);
        for (const name of scope.places) expect(labels.some((l) => l.text.includes(name)) || unplaced.includes(name), name).toBe(true);
      } finally {
        await page.close();
      }
    }, 60_000);
  }

  for (const scope of [
    { adcode: '330000', name: 'province' },
    { adcode: '330100', name: 'hangzhou' },
    { adcode: '330600', name: 'shaoxing' },
    { adcode: '330603', name: 'county' },
  ]) {
    it(`draws the ${scope.name}'s wall at 1920×1080, 3840×2160 and 3840×1080`, async () => {
      for (const [width, height] of [
        [1920, 1080],
        [3840, 2160],
        [3840, 1080],
      ] as const) {
        const page = await openWall(scope.adcode, width, height);
        try {
          // Every shape filled edge to edge: a 32:9 LED wall gets its own layout, not letterboxing.
          expect((await page.locator('.wall').boundingBox())!.width).toBeGreaterThanOrEqual(width - 2);
          await page.screenshot({ path: screenshotPath(`size-${scope.name}-${width}x${height}.png`) });
        } finally {
          await page.close();
        }
      }
    }, 90_000);
  }
});
