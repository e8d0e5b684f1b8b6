// wall_busy_*: how much of one core the wall page's main thread takes in headless Chromium
// (software rendering, as in the tests), read from CDP's Performance.getMetrics TaskDuration
// per second of wall time: under the demo's rate at its busiest hour (the simulator on the demo's
// ×10 clock, from 10:00) and,
// as the baseline, the same page on the same data at rest, at 1920×1080 and at 3840×2160.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createApp, systemClock, type Clock } from '../server/app';
import { readConfig } from '../server/config';
import { DemoClock } from '../server/simulator/demo-clock';
import { addDays, ZonedCalendar } from '../shared/time/zoned-calendar';
import { buildClient, launchBrowser } from '../tests/support/browser';

const WARM_UP_MS = 8_000;
const MEASURE_MS = 30_000;
const DEMO_SPEED = 10;
const SIZES = [
  { name: '1080p', width: 1920, height: 1080 },
  { name: '4k', width: 3840, height: 2160 },
] as const;

/** Busy share of one core per screen size, for a server started with `simulate` on `clock`. */
async function measure(dataDir: string, clientDir: string, simulate: boolean, clock: Clock): Promise<Record<string, number>> {
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    FRAUDWALL_DATA_DIR: dataDir,
    FRAUDWALL_SIMULATE: simulate ? '1' : '0',
    FRAUDWALL_SIMULATE_HISTORY_DAYS: '0',
  });
  const app = await createApp({ config, clock, clientDir, logger: pino({ level: 'silent' }) });
  const port = await app.listen();
  const browser = await launchBrowser();
  const busy: Record<string, number> = {};
  try {
    for (const size of SIZES) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.locator('[data-kpi="warnings"]').waitFor({ timeout: 30_000 });
      await page.waitForTimeout(WARM_UP_MS);
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
      const start = { task: await taskSeconds(), at: performance.now() };
      await page.waitForTimeout(MEASURE_MS);
      busy[size.name] = (await taskSeconds() - start.task) / ((performance.now() - start.at) / 1000);
      await page.close();
    }
  } finally {
    await browser.close();
    await app.close();
  }
  return busy;
}

export async function wallLoadFigures(): Promise<Record<string, number>> {
  const clientDir = await buildClient();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fraudwall-wall-load-'));
  try {
    // The demo's busiest hour, every run alike: the demo clock carries on from a kept time ahead
    // of real time, here 10:00 tomorrow in the demo's time zone.
    const calendar = new ZonedCalendar(readConfig({ FRAUDWALL_DATA_DIR: dataDir }).timeZone);
    const busyHour = calendar.startOfDay(addDays(calendar.dayKey(Date.now()), 1)) + 10 * 3_600_000;
    writeFileSync(path.join(dataDir, 'demo-clock.json'), JSON.stringify({ demoTime: new Date(busyHour).toISOString() }));
    const demoClock = new DemoClock(dataDir, DEMO_SPEED);
    const demo = await measure(dataDir, clientDir, true, demoClock);
    demoClock.save();
    // The same data, nothing arriving: the page's own cost (clock, timers, idle charts).
    const rest = await measure(dataDir, clientDir, false, systemClock);
    const pct = (share: number | undefined) => Number(((share ?? 0) * 100).toFixed(1));
    return {
      wall_busy_pct_demo_1080p: pct(demo['1080p']),
      wall_busy_pct_rest_1080p: pct(rest['1080p']),
      wall_busy_pct_demo_4k: pct(demo['4k']),
      wall_busy_pct_rest_4k: pct(rest['4k']),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
