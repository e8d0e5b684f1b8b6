// A wall never lies about being live: a delta that cannot be applied makes it say so and resync
// (never 实时 over a stale state); it loads without a single CSP violation; and a browser that
// lacks what the pages need gets a plain message instead of a blank screen.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warning } from '../fixtures/events';
import { buildClient, HAS_CHROMIUM, launchBrowser, type Browser } from '../support/browser';
import { startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

let server: TestServer;
let browser: Browser;

const now = () => new Date().toISOString();
const warningsShown = (page: Page) => page.locator('[data-kpi="warnings"] .value .count').getAttribute('data-value');

/** Records every CSP violation and every status the live indicator takes, with the warnings shown at that moment. */
function watchPage(): void {
  const w = window as unknown as { cspViolations: string[]; statuses: { status: string; warnings: string | null }[] };
  w.cspViolations = [];
  w.statuses = [];
  document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  new MutationObserver(() => {
    const status = document.querySelector('[data-testid="live-indicator"]')?.getAttribute('data-status');
    if (status && status !== w.statuses.at(-1)?.status) {
      const warnings = document.querySelector('[data-kpi="warnings"] .value .count')?.getAttribute('data-value') ?? null;
      w.statuses.push({ status, warnings });
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status', 'data-value'] });
}

describe.skipIf(!HAS_CHROMIUM)('a wall that never lies about being live', () => {
  beforeAll(async () => {
    const clientDir = await buildClient();
    server = await startServer({ clientDir });
    await server.ingest([warning('h-w1', now())]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  it('resyncs after a delta it cannot apply, and says so meanwhile; no CSP violation on load', async () => {
    const page = await browser.context.newPage();
    await page.addInitScript(watchPage);
    let corruptNext = false;
    let corrupted = 0;
    // Between the page and the server: one delta frame arrives with a patch that is not a patch.
    await page.routeWebSocket(/socket\.io/, (ws) => {
      const upstream = ws.connectToServer();
      ws.onMessage((message) => upstream.send(message));
      upstream.onMessage((message) => {
        if (corruptNext && typeof message === 'string' && message.startsWith('42["delta"')) {
          corruptNext = false;
          corrupted++;
          ws.send(message.replace('"patch":{', '"patch":42,"unreadable":{'));
        } else {
          ws.send(message);
        }
      });
    });
    try {
      await page.goto(`${server.url}/`);
      await waitFor(async () => expect(await warningsShown(page)).toBe('1'), 15_000);
      await waitFor(async () => expect(await page.locator('[data-testid="live-indicator"]').getAttribute('data-status')).toBe('live'));

      corruptNext = true;
      await server.ingest([warning('h-w2', now())]);
      await waitFor(() => expect(corrupted).toBe(1));
      await waitFor(async () => expect(await warningsShown(page)).toBe('2'), 15_000);
      await waitFor(async () => expect(await page.locator('[data-testid="live-indicator"]').getAttribute('data-status')).toBe('live'));

      const { statuses, cspViolations } = await page.evaluate(() => {
        const w = window as unknown as { statuses: { status: string; warnings: string | null }[]; cspViolations: string[] };
        return { statuses: w.statuses, cspViolations: w.cspViolations };
      });
      const failedAt = statuses.findIndex((s) => s.status === 'resyncing');
      expect(failedAt).toBeGreaterThan(0);
      // From the failure on, 实时 shows only over the state the snapshot brought.
      for (const later of statuses.slice(failedAt).filter((s) => s.status === 'live')) expect(later.warnings).toBe('2');
      expect(cspViolations).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('says while the demo’s history loads how far it has come, and stops saying it when done', async () => {
    const demo = await startServer({ clientDir: await buildClient(), env: { FRAUDWALL_SIMULATE: '1', FRAUDWALL_SIMULATE_HISTORY_DAYS: '20' } });
    const page = await browser.context.newPage();
    try {
      await page.goto(`${demo.url}/`);
      const note = page.locator('[data-testid="wall-history"]');
      await note.waitFor({ timeout: 15_000 });
      expect(await note.textContent()).toMatch(/历史数据载入中 · 已至 \d{4}-\d{2}-\d{2}/);
      await waitFor(() => expect(demo.app.broadcaster.snapshot(demo.app.scopes.region).history?.complete).toBe(true), 120_000);
      await note.waitFor({ state: 'detached', timeout: 15_000 });
    } finally {
      await page.close();
      await demo.destroy();
    }
  }, 180_000);

  it('tells a browser that lacks what the wall needs so, in plain words', async () => {
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      delete (window as unknown as { ResizeObserver?: unknown }).ResizeObserver;
    });
    try {
      await page.goto(`${server.url}/`);
      const message = page.locator('[data-testid="browser-unsupported"]');
      await message.waitFor({ timeout: 10_000 });
      expect(await message.textContent()).toContain('ResizeObserver');
      expect(await message.textContent()).toContain('Chromium');
    } finally {
      await page.close();
    }
  }, 30_000);
});
