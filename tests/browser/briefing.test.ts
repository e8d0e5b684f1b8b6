// The briefing in real Chromium: its 两升两降 tiles show the stats API's numbers for this year
// and for last month, a freeze holds them while events arrive, a PNG and a PDF come out, and the
// wall rotates to it and back without reloading.
import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Stats } from '../../shared/protocol/stats';
import { addDays } from '../../shared/time/zoned-calendar';
import { caseEvent, contact, escalation, SHAOXING, warning } from '../fixtures/events';
import { buildClient, HAS_CHROMIUM, launchBrowser, screenshotPath, signInOnPage, type Browser } from '../support/browser';
import { storeAccount, TEST_PASSWORD } from '../support/accounts';
import { storedRows } from '../support/stored';
import { startServer, VIEWER_TOKEN, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

let server: TestServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];
let today = '';
let lastMonth = { from: '', to: '' };

const TILES = ['casesFiled', 'lossFen', 'casesSolved', 'arrests'] as const;

async function tileValues(): Promise<number[]> {
  return Promise.all(TILES.map(async (key) => Number(await page.locator(`[data-tile="${key}"] .value`).getAttribute('data-value'))));
}

async function apiStats(from: string, to: string): Promise<Stats> {
  return (await (await fetch(`${server.url}/api/v1/stats?from=${from}&to=${to}&compare=previous_year`)).json()) as Stats;
}

describe.skipIf(!HAS_CHROMIUM)('the briefing in Chromium', () => {
  beforeAll(async () => {
    const clientDir = await buildClient();
    server = await startServer({ clientDir });
    today = server.app.calendar.dayKey(Date.now());
    const year = Number(today.slice(0, 4));
    const monthStart = `${today.slice(0, 7)}-01`;
    lastMonth = { from: `${addDays(monthStart, -1).slice(0, 7)}-01`, to: addDays(monthStart, -1) };
    const at = (day: string) => `${day}T10:00:00+08:00`;
    const lastYear = (day: string) => `${year - 1}${day.slice(4)}`;
    const mid = `${lastMonth.from.slice(0, 7)}-15`;
    await server.ingest([
      caseEvent('b-1', at(`${year}-01-01`), { county: SHAOXING.keqiao, count: 3, lossFen: 500_000 }),
      caseEvent('b-2', at(`${year}-01-01`), { county: SHAOXING.keqiao, kind: 'solved', count: 4 }),
      caseEvent('b-3', at(`${year}-01-01`), { county: SHAOXING.zhuji, kind: 'arrest', count: 6 }),
      caseEvent('b-4', at(lastYear(`${year}-01-01`)), { county: SHAOXING.keqiao, count: 5, lossFen: 800_000 }),
      caseEvent('b-5', at(lastYear(`${year}-01-01`)), { county: SHAOXING.keqiao, kind: 'solved', count: 2 }),
      caseEvent('b-6', at(mid), { county: SHAOXING.shangyu, count: 2, lossFen: 100_000 }),
      caseEvent('b-7', at(lastYear(mid)), { county: SHAOXING.shangyu, count: 4, lossFen: 300_000 }),
      // 96110's calls: three this year (one not reached), two last year.
      contact('b-h1', 'b-hw1', at(`${year}-01-01`), { result: 'dissuaded' }),
      contact('b-h2', 'b-hw2', at(`${year}-01-01`), { result: 'not_deceived' }),
      contact('b-h3', 'b-hw3', at(`${year}-01-01`), { result: 'unreachable' }),
      contact('b-h4', 'b-hw1', at(`${year}-01-01`), { result: 'dissuaded', channel: 'local_call' }),
      contact('b-h5', 'b-hw4', at(lastYear(`${year}-01-01`)), { result: 'dissuaded' }),
      contact('b-h6', 'b-hw5', at(lastYear(`${year}-01-01`)), { result: 'dissuaded' }),
      // Keqiao's station at the door: 20 minutes from dispatch to the report, dissuaded.
      warning('b-s1', `${year}-01-01T10:00:00+08:00`),
      contact('b-s1-c', 'b-s1', `${year}-01-01T10:01:00+08:00`, { result: 'unreachable', channel: 'local_call' }),
      escalation('b-s1-e1', 'b-s1', `${year}-01-01T10:05:00+08:00`, 'station', { station: '柯桥派出所' }),
      escalation('b-s1-e2', 'b-s1', `${year}-01-01T10:25:00+08:00`, 'resolved', { outcome: 'dissuaded' }),
    ]);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  it('shows this year’s 两升两降 as the stats API has them', async () => {
    await page.goto(`${server.url}/briefing`);
    const api = await apiStats(`${today.slice(0, 4)}-01-01`, today);
    await waitFor(async () => expect(await tileValues()).toEqual(TILES.map((k) => api.totals[k])), 8_000);
    for (const key of TILES) {
      expect(Number(await page.locator(`[data-tile="${key}"] [data-last-year]`).getAttribute('data-last-year'))).toBe(api.compare!.totals[key]);
      expect(await page.locator(`[data-tile="${key}"] [data-change]`).getAttribute('data-change')).toBe(String(api.compare!.changePct[key]));
    }
    expect(await page.getByTestId('index-ranking').locator('tr[data-county]').count()).toBe(6);
    // The 96110 line's rows, against last year.
    const hotline = page.locator('[data-figure="hotlineCalls"] td');
    expect(await hotline.allInnerTexts()).toEqual(['96110呼出', '3', '2', '▲ +50.0%']);
    expect(await page.locator('[data-figure="hotlineReached"] td').allInnerTexts()).toEqual(['96110接通', '2', '2', '— 0%']);
    // The city's stations at the door, beside the ranking.
    expect((await page.locator('[data-station="柯桥派出所"] td').allInnerTexts()).map((text) => text.replace(/\s+/g, ''))).toEqual(['柯桥区柯桥派出所', '1', '1', '100%', '20分钟']);
    await page.screenshot({ path: screenshotPath('briefing-year-1920x1080.png') });
  });

  it('shows last month when the presenter picks it', async () => {
    await page.click('[data-period="custom"]');
    await page.fill('[data-custom="from"]', lastMonth.from);
    await page.fill('[data-custom="to"]', lastMonth.to);
    await page.click('[data-custom="apply"]');
    const api = await apiStats(lastMonth.from, lastMonth.to);
    await waitFor(async () => expect(await tileValues()).toEqual(TILES.map((k) => api.totals[k])), 8_000);
    expect(api.totals.casesFiled).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: screenshotPath('briefing-last-month-1920x1080.png') });
  });

  it('holds every number while frozen, whatever arrives, and catches up when released', async () => {
    await page.click('[data-period="year"]');
    const before = await waitFor(async () => {
      const values = await tileValues();
      expect(values[0]).toBeGreaterThanOrEqual(3);
      return values;
    });
    await page.getByTestId('freeze').click();
    expect(await page.getByTestId('frozen-at').textContent()).toMatch(/已冻结 · 数据截至 \d\d:\d\d:\d\d/);
    await server.ingest([caseEvent('b-8', new Date(Date.now() - 60_000).toISOString(), { count: 7 })]);
    // Asking for the same period again is what a refresh does: it must not move anything.
    await page.click('[data-period="year"]');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await tileValues()).toEqual(before);
    await page.getByTestId('unfreeze').click();
    await waitFor(async () => expect((await tileValues())[0]).toBe(before[0]! + 7), 8_000);
  });

  it('exports the briefing as a PNG', async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('export-png').click();
    const file = screenshotPath('briefing-export.png');
    await (await download).saveAs(file);
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(50_000);
  });

  it('saves the period as an xlsx that a spreadsheet reader opens, with its Chinese headers', async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('export-xlsx').click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/^绍兴市反诈统计_\d{4}-01-01_\d{4}-\d\d-\d\d\.xlsx$/);
    const file = screenshotPath('briefing-export.xlsx');
    await saved.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.getWorksheet('本期与去年同期')?.getRow(1).values).toEqual([undefined, '指标', '本期', '去年同期', '同比(%)']);
    const csv = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    expect((await csv).suggestedFilename()).toMatch(/\.csv$/);
  });

  it('renders the printable report to an A4 landscape PDF', async () => {
    const report = await browser.context.newPage();
    report.on('console', (m) => {
      if (m.type() === 'error') errors.push(`report: ${m.text()}`);
    });
    await report.goto(`${server.url}/report?from=${today.slice(0, 4)}-01-01&to=${today}`);
    await report.locator('article[data-ready="yes"]').waitFor({ timeout: 8_000 });
    await report.waitForTimeout(500);
    expect(await report.locator('footer').textContent()).toMatch(/生成时间：[\s\S]*数据来源/);
    await report.emulateMedia({ media: 'print' });
    await report.setViewportSize({ width: 1123, height: 794 });
    await report.screenshot({ path: screenshotPath('report-print.png'), fullPage: true });
    const pdf = await report.pdf({ format: 'A4', landscape: true, printBackground: true });
    writeFileSync(screenshotPath('report.pdf'), pdf);
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    expect(pdf.length).toBeGreaterThan(20_000);
    await report.close();
  });

  it('rotates the wall to the briefing and back without reloading', async () => {
    await page.goto(`${server.url}/?rotate=live:5,briefing:5`);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    const shown = (view: string) => page.locator(`[data-view="${view}"]`).evaluate((el) => el.classList.contains('shown'));
    expect(await shown('live')).toBe(true);
    await waitFor(async () => expect(await shown('briefing')).toBe(true), 8_000);
    expect(await shown('live')).toBe(false);
    // Nobody stands at a kiosk: the rotated briefing shows its period, not buttons.
    expect(await page.locator('[data-view="briefing"] button').count()).toBe(0);
    expect(await page.locator('[data-view="briefing"] [data-testid="kiosk-period"]').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('wall-rotated-to-briefing-1920x1080.png') });
    await waitFor(async () => expect(await shown('live')).toBe(true), 8_000);
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42);
  });

  it('had no console errors', () => {
    expect(errors).toEqual([]);
  });

  it('asks a person to sign in when viewers need a token and the page has none, and the report opens on that session', async () => {
    const guarded = await startServer({ clientDir: await buildClient(), env: { FRAUDWALL_VIEWER_TOKEN: VIEWER_TOKEN } });
    await storeAccount(guarded, 'sx.leader', 'leader', '330600', Date.now());
    await storeAccount(guarded, 'kq.wall', 'device', SHAOXING.keqiao, Date.now());
    const page = await browser.context.newPage();
    try {
      await page.goto(`${guarded.url}/briefing`);
      await page.locator('form.signin').waitFor({ timeout: 8_000 });
      await page.screenshot({ path: screenshotPath('briefing-sign-in-1920x1080.png') });
      // A device is no person: it cannot sign in here.
      await signInOnPage(page, 'kq.wall', TEST_PASSWORD);
      await waitFor(async () => expect(await page.getByRole('alert').textContent()).toBe('该账号无权使用本页面'));
      await signInOnPage(page, 'sx.leader', TEST_PASSWORD);
      const link = page.getByTestId('report-link');
      await waitFor(async () => expect(await link.getAttribute('href')).toMatch(/^\/report\?from=/), 8_000);
      await page.goto(`${guarded.url}${await link.getAttribute('href')}`);
      await waitFor(async () => expect(await page.locator('h1').textContent()).toContain('反诈工作简报'), 8_000);
      expect(await page.locator('form.signin').count()).toBe(0);
      // The report is an export: the trail says who took it.
      await waitFor(async () => {
        const exports = await storedRows<{ actor: string; object: string }>(guarded, "SELECT actor, object FROM audit WHERE action = 'export'");
        expect(exports).toEqual([{ actor: 'sx.leader', object: expect.stringMatching(/^report \d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}$/) }]);
      });
    } finally {
      await page.close();
      await guarded.destroy();
    }
  });

  it('keeps a kiosk’s viewer token on the 打印报告 link, so the report loads for it too', async () => {
    const guarded = await startServer({ clientDir: await buildClient(), env: { FRAUDWALL_VIEWER_TOKEN: VIEWER_TOKEN } });
    const kiosk = await browser.context.newPage();
    try {
      await kiosk.goto(`${guarded.url}/briefing?token=${VIEWER_TOKEN}`);
      const link = kiosk.getByTestId('report-link');
      await waitFor(async () => expect(await link.getAttribute('href')).toContain(`token=${VIEWER_TOKEN}`), 8_000);
      await kiosk.goto(`${guarded.url}${await link.getAttribute('href')}`);
      await waitFor(async () => expect(await kiosk.locator('h1').textContent()).toContain('反诈工作简报'), 8_000);
    } finally {
      await kiosk.close();
      await guarded.destroy();
    }
  });
});
