// province_*: fraudwall at the province's size (issue 12), each figure beside its baseline.
//  province_delta_p99_ms_*      acknowledged ingest → the delta at each wall, worst scope of each
//                               level, with 500 walls spread over the province (50 on the province,
//                               20 on each of the 11 cities, 11 or 12 on each of 20 counties) while
//                               the province's peak arrives: 20× the day's mean event rate
//  province_snapshot_kb_max     the largest snapshot of those 32 scopes
//  province_flush_ms_per_tick   the stream's own work per tick (building each watched scope's
//                               state, diffing, encoding, writing) for those walls, beside
//                               _one_scope: the same 500 walls all on the province
//  province_restart_ms_2y       process start to a served snapshot with two years of the province's
//                               rollups (a simulated province day's, repeated over 730 days)
//  province_stats_ms_1y         GET /api/v1/stats for the province's year against the year before
//  wall_busy_pct_province_*     the province wall at 3840×2160 in Chromium under the peak (the
//                               simulator at 20× the mean rate) beside the same wall at rest
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import { createApp, type FraudwallApp } from '../server/app/app';
import { readConfig } from '../server/config';
import { centerSize } from '../server/simulator/center-size';
import { HOURLY_ACTIVITY } from '../server/simulator/center-profile';
import { DATABASE_FILE } from '../server/store/sqlite/open-database';
import { RegionScopes, regionPack } from '../shared/region';
import { addDays, ZonedCalendar } from '../shared/time/zoned-calendar';
import { postAtRate } from './paced-post';
import { makeEvents } from './simulated-events';
import { measureWallLoad } from './wall-load';
import { percentile } from './percentile';

export const TOKEN = 'bench-ingest-token';
const PROVINCE = regionPack('zhejiang');
const CITY_SCOPES = PROVINCE.cities!.map((c) => c.adcode);
/** Two counties of each city but two: 20 county scopes. */
const COUNTY_SCOPES = PROVINCE.cities!.flatMap((c) => c.counties.slice(0, 2).map((county) => county.adcode)).slice(0, 20);
const WALLS = 500;
/** A simulated province day's events ≈ 2.4 per warning. */
const EVENTS_PER_DAY = centerSize(PROVINCE).warningsPerDay * 2.4;
const PEAK_EVENTS_PER_SECOND = Math.round((EVENTS_PER_DAY / 86_400) * 20);
/** The burst lasts 10 minutes; a minute of it shows the steady state. */
const BURST_SECONDS = 60;

export async function startProvince(dataDir: string, env: Record<string, string> = {}): Promise<{ app: FraudwallApp; url: string }> {
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    FRAUDWALL_DATA_DIR: dataDir,
    FRAUDWALL_REGION: 'zhejiang',
    FRAUDWALL_INGEST_TOKEN: TOKEN,
    FRAUDWALL_MAX_SOCKETS_PER_ADDRESS: '5000',
    ...env,
  });
  const app = await createApp({ config, logger: pino({ level: 'silent' }) });
  return { app, url: `http://127.0.0.1:${await app.listen()}` };
}

/** The scope of each of the 500 walls: spread over the province, or all on the province. */
export function wallScopes(spread: boolean): string[] {
  if (!spread) return Array<string>(WALLS).fill('330000');
  const scopes = [...Array<string>(50).fill('330000'), ...CITY_SCOPES.flatMap((city) => Array<string>(20).fill(city))];
  for (let i = 0; scopes.length < WALLS; i++) scopes.push(COUNTY_SCOPES[i % COUNTY_SCOPES.length]!);
  return scopes;
}

const SCOPES = new RegionScopes(PROVINCE);

interface BurstResult {
  /** p99 wait per scope. */
  readonly p99ByScope: Map<string, number>;
  readonly flushMsPerTick: number;
  readonly snapshotBytesMax: number;
}

/** The peak's events posted one by one at the peak rate, walls on `scopes`; waits from each ack to the next delta of every wall whose scope holds the event. */
async function burst(scopes: readonly string[]): Promise<BurstResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-province-'));
  const { app, url } = await startProvince(dir);
  let flushMs = 0;
  let ticks = 0;
  const flush = app.broadcaster.flush.bind(app.broadcaster);
  app.broadcaster.flush = () => {
    const started = performance.now();
    flush();
    flushMs += performance.now() - started;
    ticks++;
  };
  const walls: { scope: string; counties: ReadonlySet<string>; socket: Socket; pending: number[] }[] = [];
  const waits = new Map<string, number[]>();
  for (const scope of scopes) {
    const socket = io(url, { transports: ['websocket'], forceNew: true, auth: { scope } });
    const counties = new Set(SCOPES.get(scope)!.counties.map((c) => c.adcode));
    const wall = { scope, counties, socket, pending: [] as number[] };
    socket.on('delta', () => {
      const now = performance.now();
      const list = waits.get(scope) ?? [];
      for (const acked of wall.pending) list.push(now - acked);
      waits.set(scope, list);
      wall.pending = [];
    });
    walls.push(wall);
  }
  await Promise.all(walls.map(({ socket }) => new Promise((resolve) => socket.once('snapshot', resolve))));

  const events = makeEvents(PEAK_EVENTS_PER_SECOND * BURST_SECONDS, 12, Date.now(), 'zhejiang');
  flushMs = 0;
  ticks = 0;
  await postAtRate(url, TOKEN, events, PEAK_EVENTS_PER_SECOND, {
    // Stamped as it is sent: the peak is news, each event changes its scope's state today.
    stamp: (event) => ({ ...event, at: new Date().toISOString() }),
    acknowledged: (i, acked) => {
      const county = events[i]!['county'] as string;
      for (const wall of walls) if (wall.counties.has(county)) wall.pending.push(acked);
    },
  });
  await new Promise((r) => setTimeout(r, 1_000));
  const flushMsPerTick = flushMs / Math.max(1, ticks);

  let snapshotBytesMax = 0;
  for (const scope of ['330000', ...CITY_SCOPES, ...COUNTY_SCOPES]) {
    const body = await (await fetch(`${url}/api/v1/snapshot?scope=${scope}`)).arrayBuffer();
    snapshotBytesMax = Math.max(snapshotBytesMax, body.byteLength);
  }
  for (const { socket } of walls) socket.close();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  return { p99ByScope: new Map([...waits].map(([scope, list]) => [scope, percentile(list, 99)])), flushMsPerTick, snapshotBytesMax };
}

/** A year (two, for the comparison) of the province's rollups: one simulated day's, repeated. */
export async function provinceYears(dir: string): Promise<void> {
  const { app } = await startProvince(dir);
  const calendar = new ZonedCalendar(app.config.timeZone);
  const today = calendar.dayKey(Date.now());
  const day = makeEvents(EVENTS_PER_DAY, 21, calendar.startOfDay(today), 'zhejiang');
  for (let i = 0; i < day.length; i += 5_000) await app.pipeline.ingestEvents(day.slice(i, i + 5_000));
  await app.close();
  const db = new Database(path.join(dir, DATABASE_FILE));
  const yesterday = addDays(today, -1);
  const rows = db.prepare<[string], { county: string; metric: string; value: number }>('SELECT county, metric, sum(value) AS value FROM rollups WHERE day <= ? GROUP BY county, metric').all(yesterday);
  const addDaily = db.prepare('INSERT INTO rollups (day, county, metric, value) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET value = value + excluded.value');
  const addMonthly = db.prepare('INSERT INTO rollups_monthly (month, county, metric, value) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET value = value + excluded.value');
  db.transaction(() => {
    for (let back = 2; back <= 730; back++) {
      const key = addDays(today, -back);
      for (const row of rows) {
        addDaily.run(key, row.county, row.metric, row.value);
        addMonthly.run(key.slice(0, 7), row.county, row.metric, row.value);
      }
    }
  })();
  db.close();
}

async function restartAndStats(): Promise<{ restartMs: number; statsMs: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-province-'));
  try {
    await provinceYears(dir);
    const restarts: number[] = [];
    const stats: number[] = [];
    for (let round = 0; round < 3; round++) {
      const started = performance.now();
      const { app, url } = await startProvince(dir);
      await (await fetch(`${url}/api/v1/snapshot`)).arrayBuffer();
      restarts.push(performance.now() - started);
      const today = app.calendar.dayKey(Date.now());
      const query = `from=${today.slice(0, 4)}-01-01&to=${today}&groupBy=month&compare=previous_year&scope=330000`;
      for (let i = 0; i < 3; i++) {
        const asked = performance.now();
        await (await fetch(`${url}/api/v1/stats?${query}`)).arrayBuffer();
        stats.push(performance.now() - asked);
      }
      await app.close();
    }
    return { restartMs: percentile(restarts, 50), statsMs: percentile(stats, 50) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function provinceFigures(): Promise<Record<string, number>> {
  const spread = await burst(wallScopes(true));
  const oneScope = await burst(wallScopes(false));
  const worst = (scopes: readonly string[]) => Math.round(Math.max(...scopes.map((s) => spread.p99ByScope.get(s) ?? 0)));
  const { restartMs, statsMs } = await restartAndStats();
  // The simulator's hourly rhythm peaks at 1.55× the mean: this speed makes its busiest hour 20×.
  const peakSpeed = 20 / Math.max(...HOURLY_ACTIVITY);
  const wall = (await measureWallLoad({ region: 'zhejiang', speed: peakSpeed, sizes: ['4k'] }))['4k'];
  return {
    province_peak_events_per_s: PEAK_EVENTS_PER_SECOND,
    province_delta_p99_ms_province: worst(['330000']),
    province_delta_p99_ms_city: worst(CITY_SCOPES),
    province_delta_p99_ms_county: worst(COUNTY_SCOPES),
    province_delta_p99_ms_one_scope: Math.round(oneScope.p99ByScope.get('330000') ?? 0),
    province_snapshot_kb_max: Number((spread.snapshotBytesMax / 1024).toFixed(1)),
    province_flush_ms_per_tick: Number(spread.flushMsPerTick.toFixed(2)),
    province_flush_ms_per_tick_one_scope: Number(oneScope.flushMsPerTick.toFixed(2)),
    province_flush_scopes_ratio: Number((spread.flushMsPerTick / oneScope.flushMsPerTick).toFixed(2)),
    province_restart_ms_2y: Math.round(restartMs),
    province_stats_ms_1y: Math.round(statsMs),
    wall_busy_pct_province_peak_4k: wall?.busy ?? 0,
    wall_busy_pct_province_rest_4k: wall?.rest ?? 0,
    wall_cpu_pct_province_peak_4k: wall?.cpu ?? 0,
    wall_cpu_pct_province_rest_4k: wall?.cpuRest ?? 0,
  };
}
