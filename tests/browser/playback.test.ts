// A played-back wall in Chromium (issue 27): `/?at=…&speed=…` shows the state as it was at that
// moment — the snapshot's figures, the replayed time on its clock, a 回放 badge — moves forward at
// its speed, and raises no alarm (no unclaimed banner) whatever is open; what happened after the
// replayed moment is not on it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/protocol/wall-state';
import { contact, SHAOXING, warning } from '../fixtures/events';
import { buildClient, HAS_CHROMIUM, launchBrowser, screenshotPath, type Browser } from '../support/browser';
import { startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

let server: TestServer;
let browser: Browser;
let page: Page;
let replayed: number;
const errors: string[] = [];

describe.skipIf(!HAS_CHROMIUM)('a played-back wall', () => {
  beforeAll(async () => {
    const clientDir = await buildClient();
    server = await startServer({ clientDir });
    const now = Date.now();
    const midnight = server.app.calendar.startOfDay(server.app.calendar.dayKey(now));
    // Minutes ago (never before today's midnight): two warnings, one of them unreachable.
    const ago = (minutes: number) => new Date(Math.max(midnight + 1_000 * (10 - minutes), now - minutes * 60_000)).toISOString();
    await server.ingest([
      warning('pw-1', ago(8), { county: SHAOXING.keqiao }),
      warning('pw-2', ago(7), { county: SHAOXING.zhuji }),
      contact('pw-2-c', 'pw-2', ago(6), { county: SHAOXING.zhuji, result: 'unreachable' }),
    ]);
    replayed = Date.parse(ago(5));
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  it('shows the state at the moment, its time and a 回放 badge, raises no alarm, and leaves out what came later', async () => {
    // Something after the replayed moment: not on the played-back wall.
    await server.ingest([warning('pw-3', new Date().toISOString(), { county: SHAOXING.xinchang })]);
    const iso = new Date(replayed).toISOString();
    const then = (await (await fetch(`${server.url}/api/v1/snapshot?at=${encodeURIComponent(iso)}`)).json()) as Snapshot;
    expect(then.today.warnings.total).toBe(2);
    expect(then.unclaimed.count).toBe(1);

    await page.goto(`${server.url}/?at=${encodeURIComponent(iso)}&speed=2`);
    await waitFor(async () => expect(await page.locator('[data-kpi="warnings"] .value .count').getAttribute('data-value')).toBe('2'), 10_000);
    expect(await page.getByTestId('playback-badge').innerText()).toBe('历史回放 · ×2');
    expect(await page.getByTestId('live-indicator').innerText()).toContain('回放');
    // The replayed clock: within a few replayed seconds of the moment, nowhere near now's.
    const clock = await page.getByTestId('clock').innerText();
    const shownMs = (hhmmss: string) => {
      const [h, m, s] = hhmmss.split(':').map(Number);
      return ((h! * 60 + m!) * 60 + s!) * 1_000;
    };
    const expected = shownMs(new Date(replayed + 8 * 3_600_000).toISOString().slice(11, 19));
    expect(Math.abs(shownMs(clock) - expected)).toBeLessThan(30_000);
    // One victim unreachable and unclaimed at that moment: listed on the board, but no alarm banner.
    await waitFor(async () => expect(await page.locator('[data-escalation]').count()).toBe(1));
    expect(await page.locator('[data-testid="escalation-alert"]').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('wall-playback-1920x1080.png') });
    // The clock moves on at its speed with the next replayed moments.
    await waitFor(async () => expect(Math.abs(shownMs(await page.getByTestId('clock').innerText()) - expected)).toBeGreaterThan(4_000), 10_000);
    expect(await page.locator('[data-kpi="warnings"] .value .count').getAttribute('data-value')).toBe('2');
  });

  it('had no console errors', () => {
    expect(errors).toEqual([]);
  });
});
