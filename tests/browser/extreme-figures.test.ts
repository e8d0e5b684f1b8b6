// Every figure fits at every magnitude it can reach: a province's year (10,000,000
// person-times, ¥100 亿) stored in the rollups the wall and the briefing read, 60 open
// escalations with the longest station names the contract allows — and no text on the wall or
// the briefing runs out of its box at 1920×1080 or 3840×2160.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { regionPack } from '../../shared/region';
import { addDays } from '../../shared/time/zoned-calendar';
import { DATABASE_FILE } from '../../server/store/sqlite/open-database';
import { contact, escalation, warning } from '../fixtures/events';
import { buildClient, HAS_CHROMIUM, launchBrowser, screenshotPath, type Browser } from '../support/browser';
import { startServer, type TestServer } from '../support/test-server';

const PERSON_TIMES = 10_000_000;
const FEN = 100 * 100_000_000 * 100; // ¥100 亿
const counties = regionPack('shaoxing').counties.map((c) => c.adcode);

/** Each figure of a day at a province's year's size, spread over the counties. */
function extremeDay(): Record<string, number> {
  return {
    warnings: PERSON_TIMES,
    'level.high': PERSON_TIMES / 4,
    'level.medium': PERSON_TIMES / 4,
    'level.low': PERSON_TIMES / 2,
    'source.province': PERSON_TIMES * 0.6,
    'source.city': PERSON_TIMES * 0.4,
    'type.rebate': PERSON_TIMES / 2,
    'type.investment': PERSON_TIMES / 4,
    'type.other': PERSON_TIMES / 4,
    'contact.dissuaded': PERSON_TIMES * 0.7,
    'contact.not_deceived': PERSON_TIMES * 0.2,
    'contact.unreachable': PERSON_TIMES * 0.1,
    'escalation.opened': PERSON_TIMES * 0.1,
    'escalation.resolved': PERSON_TIMES * 0.1,
    'outcome.dissuaded': PERSON_TIMES * 0.1,
    'intercept.stop_payment': FEN,
    'intercept.recovery': FEN,
    'case.filed': PERSON_TIMES / 100,
    'case.solved': PERSON_TIMES / 200,
    'case.arrest': PERSON_TIMES / 100,
    'case.lossFen': FEN,
  };
}

/** Adds a province's year to today's and yesterday's rollups (daily, monthly, volume), as ingest would have. */
function storeExtremeDays(dataDir: string, days: readonly string[]): void {
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  try {
    const add = (table: 'rollups' | 'rollups_monthly', key: string, county: string, metric: string, value: number) =>
      db
        .prepare(
          `INSERT INTO ${table} VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET value = value + excluded.value`,
        )
        .run(key, county, metric, value);
    db.transaction(() => {
      for (const day of days) {
        for (const [metric, total] of Object.entries(extremeDay())) {
          for (const county of counties) {
            const value = Math.round(total / counties.length);
            add('rollups', day, county, metric, value);
            add('rollups_monthly', day.slice(0, 7), county, metric, value);
          }
        }
        for (let bucket = 0; bucket < 144; bucket++) {
          for (const level of ['high', 'medium', 'low']) {
            db.prepare('INSERT INTO volume (day, county, bucket, level, value) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET value = value + excluded.value').run(day, counties[0], bucket, level, Math.round(PERSON_TIMES / 144 / 3));
          }
        }
      }
    })();
  } finally {
    db.close();
  }
}

/** Every piece of text that runs out of its own box or out of a box that clips it (an ellipsis is a fit). */
function overflowingText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('[data-testid="ticker"], [hidden], .view:not(.shown)')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      if (box.width === 0) continue;
      for (let el: HTMLElement | null = parent; el && el !== document.body; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (el !== parent && style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        if (style.textOverflow === 'ellipsis') break;
        const rect = el.getBoundingClientRect();
        // A glyph box is taller than its line (ascent and descent): up to a quarter of it may
        // stand out of a tight line box without being cut visibly; sideways, nothing may.
        const slack = box.height / 4;
        if (box.left < rect.left - 1 || box.right > rect.right + 1 || box.top < rect.top - slack || box.bottom > rect.bottom + slack) {
          found.push(`"${text.slice(0, 40)}" runs out of <${el.tagName.toLowerCase()} class="${el.className}">`);
          break;
        }
      }
    }
    return found;
  });
}

let server: TestServer;
let browser: Browser;
const LONGEST_CENTER_NAME = '浙江省绍兴市公安局刑事侦查支队电信网络诈骗犯罪侦查大队反诈中心合成作战指挥室';

describe.skipIf(!HAS_CHROMIUM)('figures at a province’s magnitude, in Chromium', () => {
  beforeAll(async () => {
    const clientDir = await buildClient();
    const first = await startServer({ clientDir });
    const now = Date.now();
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
    const longStation = '浙江省绍兴市公安局诸暨市公安分局店口镇派出所'.padEnd(64, '所');
    const events = [];
    for (let i = 0; i < 60; i++) {
      const county = counties[i % counties.length]!;
      events.push(
        warning(`x-w${i}`, at(50), { county, victim: { phone: '13812345678', name: 'Alexandria Montgomery Worthing' } }),
        contact(`x-c${i}`, `x-w${i}`, at(45), { county, result: 'unreachable' }),
        escalation(`x-s${i}`, `x-w${i}`, at(40), 'station', { county, station: longStation }),
      );
    }
    await first.ingest(events);
    await first.close();
    const today = first.app.calendar.dayKey(now);
    storeExtremeDays(first.dataDir, [today, addDays(today, -1)]);
    // The longest center name the configuration takes: the title shrinks, the clock never wraps.
    server = await startServer({ clientDir, dataDir: first.dataDir, env: { FRAUDWALL_CENTER_NAME: LONGEST_CENTER_NAME } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  for (const [width, height] of [
    [1920, 1080],
    [3840, 2160],
  ] as const) {
    it(`keeps every figure of the wall and the briefing in its box at ${width}×${height}`, async () => {
      const snapshot = await server.snapshot();
      expect(snapshot.today.warnings.total).toBeGreaterThanOrEqual(PERSON_TIMES);
      expect(snapshot.year.warnings).toBeGreaterThanOrEqual(PERSON_TIMES);
      const page = await browser.context.newPage();
      await page.setViewportSize({ width, height });
      try {
        await page.goto(`${server.url}/`);
        await page.locator('[data-kpi="warnings"] [data-value]').first().waitFor({ timeout: 20_000 });
        // Wait for data-value: the count-up starts from 0.
        // Count-ups end, charts draw.
        await page.waitForTimeout(2_500);
        expect(await page.locator('[data-kpi="year-warnings"] .value').innerText()).toMatch(/^\d{2},\d{3},\d{3}$/);
        expect(await page.locator('[data-kpi="stop-payment"] .label').textContent()).toContain('亿元');
        await page.screenshot({ path: screenshotPath(`wall-extreme-${width}x${height}.png`) });
        expect(await overflowingText(page)).toEqual([]);

        await page.goto(`${server.url}/briefing`);
        await page.click('[data-period="year"]');
        await page.locator('[data-tile="casesFiled"] .value').waitFor({ timeout: 20_000 });
        await page.waitForTimeout(2_500);
        await page.screenshot({ path: screenshotPath(`briefing-extreme-${width}x${height}.png`) });
        expect(await overflowingText(page)).toEqual([]);
      } finally {
        await page.close();
      }
    }, 90_000);
  }
});
