// wall_busy_*: how much of one core the wall page's main thread takes in headless Chromium
// (software rendering, as in the tests), read from CDP's Performance.getMetrics TaskDuration
// per second of wall time: under the demo's rate at its busiest hour (the simulator on the demo's
// ×10 clock, from 10:00) and,
// as the baseline, the same page on the same data at rest, at 1920×1080 and at 3840×2160.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createApp } from '../server/app/app';
import { systemClock, type Clock } from '../server/clock';
import { readConfig } from '../server/config';
import { DemoClock } from '../server/simulator/demo-clock';
import type { RegionId } from '../shared/region';
import { addDays, ZonedCalendar } from '../shared/time/zoned-calendar';
import { buildClient, launchBrowser } from '../tests/support/browser';

const WARM_UP_MS = 8_000;
const MEASURE_MS = 30_000;
const DEMO_SPEED = 10;
const SIZES = [
  { name: '1080p', width: 1920, height: 1080 },
  { name: '4k', width: 3840, height: 2160 },
] as const;
type SizeName = (typeof SIZES)[number]['name'];

interface LoadOptions {
  readonly region: RegionId;
  readonly sizes: readonly SizeName[];
}

/** Busy share of one core per screen size, for a server started with `simulate` on `clock`. */
async function measure(dataDir: string, clientDir: string, simulate: boolean, clock: Clock, { region, sizes }: LoadOptions): Promise<Record<string, number>> {
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    FRAUDWALL_DATA_DIR: dataDir,
    FRAUDWALL_REGION: region,
    FRAUDWALL_SIMULATE: simulate ? '1' : '0',
    FRAUDWALL_SIMULATE_HISTORY_DAYS: '0',
  });
  const app = await createApp({ config, clock, clientDir, logger: pino({ level: 'silent' }) });
  const port = await app.listen();
  const browser = await launchBrowser();
  const busy: Record<string, number> = {};
  try {
    for (const size of SIZES.filter((s) => sizes.includes(s.name))) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.locator('[data-kpi="warnings"]').waitFor({ timeout: 30_000 });
      await page.waitForTimeout(WARM_UP_MS);
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Performance.enable');
      // TaskDuration: wall time of the main thread's tasks (the figure's definition); ThreadTime:
      // its CPU time, which a busy machine does not inflate.
      const metrics = async () => {
        const all = (await cdp.send('Performance.getMetrics')).metrics;
        const value = (name: string) => all.find((m) => m.name === name)?.value ?? 0;
        return { task: value('TaskDuration'), cpu: value('ThreadTime') };
      };
      const start = { ...(await metrics()), at: performance.now() };
      await page.waitForTimeout(MEASURE_MS);
      const end = await metrics();
      const seconds = (performance.now() - start.at) / 1000;
      busy[size.name] = (end.task - start.task) / seconds;
      busy[`${size.name}-cpu`] = (end.cpu - start.cpu) / seconds;
      await page.close();
    }
  } finally {
    await browser.close();
    await app.close();
  }
  return busy;
}

/**
 * Busy percent of the wall page under the simulator at `speed` from 10:00 (the busiest hours)
 * and at rest on the same data, per size.
 */
export async function measureWallLoad(
  options: LoadOptions & { readonly speed: number },
): Promise<Record<string, { busy: number; rest: number; cpu: number; cpuRest: number }>> {
  const clientDir = await buildClient();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fraudwall-wall-load-'));
  try {
    // Every run alike: the demo clock carries on from a kept time ahead of real time, here
    // 10:00 tomorrow in the demo's time zone.
    const calendar = new ZonedCalendar(readConfig({ FRAUDWALL_DATA_DIR: dataDir }).timeZone);
    const busyHour = calendar.startOfDay(addDays(calendar.dayKey(Date.now()), 1)) + 10 * 3_600_000;
    writeFileSync(path.join(dataDir, 'demo-clock.json'), JSON.stringify({ demoTime: new Date(busyHour).toISOString() }));
    const demoClock = new DemoClock(dataDir, options.speed);
    const demo = await measure(dataDir, clientDir, true, demoClock, options);
    demoClock.save();
    // The same data, nothing arriving: the page's own cost (clock, timers, idle charts).
    const rest = await measure(dataDir, clientDir, false, systemClock, options);
    const pct = (share: number | undefined) => Number(((share ?? 0) * 100).toFixed(1));
    return Object.fromEntries(
      options.sizes.map((size) => [size, { busy: pct(demo[size]), rest: pct(rest[size]), cpu: pct(demo[`${size}-cpu`]), cpuRest: pct(rest[`${size}-cpu`]) }]),
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function wallLoadFigures(): Promise<Record<string, number>> {
  const load = await measureWallLoad({ region: 'shaoxing', speed: DEMO_SPEED, sizes: ['1080p', '4k'] });
  return {
    wall_busy_pct_demo_1080p: load['1080p']?.busy ?? 0,
    wall_busy_pct_rest_1080p: load['1080p']?.rest ?? 0,
    wall_busy_pct_demo_4k: load['4k']?.busy ?? 0,
    wall_busy_pct_rest_4k: load['4k']?.rest ?? 0,
  };
}
