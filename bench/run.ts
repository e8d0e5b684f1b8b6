// npm run bench [-- --json]: the pipeline's figures beside baselines measured in the same run
// (this machine is shared and noisy: the ratios are what count).
//  ingest_eps          POST /api/v1/events, batches of 1,000 from another process, one wall connected
//  sqlite_ceiling_eps  better-sqlite3 inserting the same rows in batched transactions, no HTTP or validation
//  http_ceiling_eps    a bare Express endpoint receiving the same batches (same client) and discarding them
//  pipeline_eps        the same batches through the ingest pipeline in-process (ingest_eps without HTTP)
//  clients_1000_*      1,000 walls connected while 200 events/s flow, beside bare socket.io (bench/clients.ts)
//  restart_ms_1y       `npm start` (the compiled server) to healthy and a served snapshot, with a year of
//                      simulated history (and _2y: two), beside node_start_ms: a bare Node HTTP server's start
//  stats_ms_1y         GET /api/v1/stats for a year against the year before, beside rollup_scan_ms_1y
//  delta_bytes_p50     a delta carrying 10 events on the wire (beside its JSON length, and compressed
//                      with FRAUDWALL_STREAM_COMPRESSION=1); snapshot_bytes: a busy day's snapshot
//  latency_p50_ms, latency_p99_ms  acknowledged ingest to the delta at each of 500 walls, 200 events/s,
//                      beside raw_broadcast_p99_ms: a bare socket.io server emitting to 500 clients;
//                      latency_quiet_*: the same walls, one event a second (a quiet room's first
//                      change is not held for the coalescing window)
//  busy_*, quiet_*     the walls' thread in a busy room on two years of history, beside the quiet
//                      room (bench/busy-room.ts)
//  wall_busy_pct_*     the wall page's main thread in Chromium under the demo's rate, beside the same
//                      page at rest, at 1080p and 4K (bench/wall-load.ts)
//  province_*          the province's peak over 500 walls on 32 scopes, a year of its data, its wall
//                      (bench/province.ts)
//  surge_*             the minute's surge count on nine weeks of the province's warnings by type,
//                      beside one batch of 100 warnings committed (bench/surges.ts)
//  playback_*          the state as it was at 23:59 last night on a city's and a province's busiest
//                      days, beside the bare read of the two days' events (bench/playback.ts)
//  erase_*             erasing victims' data after the retention, beside a bare rewrite of the
//                      same rows (bench/retention.ts)
//  backup_*            npm run backup of the demo's two-year history under ingest, beside a plain file
//                      copy and the same ingest without it (bench/backup.ts)
//  pg_*, cross_node_*, failover_ms  several nodes on PostgreSQL: ingest beside the driver's bare
//                      inserts, cross-node latency, kill -9 failover, restart on a year
//                      (bench/postgres-cluster.ts)
// Options: --json; --only latency, --only restart, --only busy-room, --only wall-load, --only province, --only scenes, --only surges, --only playback, --only retention, --only backup, --only postgres or --only nginx-flood (just that part); --history-dir DIR (a copy of DIR, holding the
// demo's two-year history, instead of simulating it first: saves a few minutes).
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import express from 'express';
import pino from 'pino';
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { createApp, type FraudwallApp } from '../server/app/app';
import { DATABASE_FILE } from '../server/store/sqlite/open-database';
import { readConfig } from '../server/config';
import type { Delta } from '../shared/protocol/wall-state';
import { regionPack } from '../shared/region';
import { ZonedCalendar } from '../shared/time/zoned-calendar';
import { Random } from '../server/simulator/random';
import { SimulatedCenter } from '../server/simulator/simulated-center';
import { parseArgs } from 'node:util';
import { backupFigures } from './backup';
import { busyRoomFigures } from './busy-room';
import { clientsFigures } from './clients';
import { postAtRate } from './paced-post';
import { bareNodeStartMs, buildCompiledServer, compiledStartMs } from './process-start';
import { postgresFigures } from './postgres-cluster';
import { provinceFigures } from './province';
import { surgeFigures } from './surges';
import { playbackFigures } from './playback';
import { sceneFigures } from './scenes';
import { retentionFigures } from './retention';
import { makeEvents } from './simulated-events';
import { wallLoadFigures } from './wall-load';
import { percentile } from './percentile';

const TOKEN = 'bench-ingest-token';
/** Every bench client connects from 127.0.0.1. */
const CROWD = { FRAUDWALL_MAX_SOCKETS_PER_ADDRESS: '5000' };
const ROUNDS = 3;
const { values: options } = parseArgs({
  options: { json: { type: 'boolean', default: false }, only: { type: 'string' }, 'history-dir': { type: 'string' } },
});
const json = options.json;
const log = (line: string) => {
  if (!json) process.stdout.write(`${line}\n`);
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function startApp(dataDir: string, env: Record<string, string> = {}): Promise<{ app: FraudwallApp; url: string }> {
  const config = readConfig({ PORT: '0', HOST: '127.0.0.1', FRAUDWALL_DATA_DIR: dataDir, FRAUDWALL_INGEST_TOKEN: TOKEN, ...CROWD, ...env });
  const app = await createApp({ config, logger: pino({ level: 'silent' }) });
  const port = await app.listen();
  return { app, url: `http://127.0.0.1:${port}` };
}

/** Seconds the upstream process (bench/upstream.ts) took to post every batch in `file` to `url`. */
async function postFromUpstream(file: string, url: string, token = ''): Promise<number> {
  const child = fork(fileURLToPath(new URL('./upstream.ts', import.meta.url)), [file, url, token], { execArgv: ['--import', 'tsx'] });
  const exited = once(child, 'exit');
  const [{ ms }] = (await once(child, 'message')) as [{ ms: number }];
  await exited;
  return ms / 1000;
}

async function ingestEps(file: string, events: number): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-bench-'));
  const { app, url } = await startApp(dir);
  const wall = io(url, { transports: ['websocket'] });
  await new Promise((r) => wall.once('snapshot', r));
  const seconds = await postFromUpstream(file, `${url}/api/v1/events`, TOKEN);
  wall.close();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  return events / seconds;
}

async function httpCeilingEps(file: string, events: number): Promise<number> {
  const app = express();
  app.post('/ingest', express.raw({ type: () => true, limit: '10mb' }), (_req, res) => {
    res.json({ accepted: 0 });
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const seconds = await postFromUpstream(file, `http://127.0.0.1:${port}/ingest`);
  server.close();
  return events / seconds;
}

/** The same batches through IngestPipeline in-process: ingest_eps without HTTP, to show where the time goes. */
async function pipelineEps(batches: readonly unknown[][], events: number): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-bench-'));
  const config = readConfig({ PORT: '0', FRAUDWALL_DATA_DIR: dir });
  const app = await createApp({ config, logger: pino({ level: 'silent' }) });
  const started = performance.now();
  for (const batch of batches) await app.pipeline.ingestEvents(batch);
  const seconds = (performance.now() - started) / 1000;
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  return events / seconds;
}

function sqliteCeilingEps(events: Record<string, unknown>[]): number {
  const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-bench-'));
  const db = new Database(path.join(dir, 'ceiling.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO events (id, body) VALUES (?, ?)');
  const batch = db.transaction((rows: Record<string, unknown>[]) => {
    for (const row of rows) insert.run(row['id'], JSON.stringify(row));
  });
  const started = performance.now();
  for (let i = 0; i < events.length; i += 1_000) batch(events.slice(i, i + 1_000));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return events.length / seconds;
}

function storedEvents(dir: string): number {
  const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
  const { n } = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events').get()!;
  db.close();
  return n;
}

/** `npm start` (the compiled server) to a served snapshot: the median of a few starts. */
async function restartMs(dataDir: string): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) times.push(await compiledStartMs(dataDir, { FRAUDWALL_INGEST_TOKEN: TOKEN }));
  return Math.round(median(times));
}

/**
 * Simulated history through the pipeline: restart with one year stored (`restart_ms_1y`), then
 * with two (`restart_ms_2y`), and GET /api/v1/stats for one year against the year before
 * (`stats_ms_1y`) beside a bare SQL sum over the same rollup rows (`rollup_scan_ms_1y`).
 */
async function history(): Promise<Record<string, number>> {
  buildCompiledServer();
  const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-bench-'));
  const config = readConfig({ PORT: '0', HOST: '127.0.0.1', FRAUDWALL_DATA_DIR: dir });
  const end = Date.now();
  const calendar = new ZonedCalendar('Asia/Shanghai');
  const center = new SimulatedCenter(regionPack('shaoxing'), calendar, new Random(99), 'hist', end - 730 * 86_400_000);
  /** Simulates up to `until` into the store; answers how many events it then holds. */
  const simulateUntil = async (until: number): Promise<number> => {
    const app = await createApp({ config, logger: pino({ level: 'silent' }) });
    while (center.simMs < until) {
      const batch = center.advance(Math.min(until, center.simMs + 2 * 86_400_000));
      const events = batch.map(({ simMs, body }) => ({ ...body, at: calendar.isoWithOffset(Math.round(simMs)) }));
      for (let i = 0; i < events.length; i += 10_000) await app.pipeline.ingestEvents(events.slice(i, i + 10_000));
    }
    await app.close();
    return storedEvents(dir);
  };
  const events1y = await simulateUntil(end - 365 * 86_400_000);
  const restart1y = await restartMs(dir);
  const events2y = await simulateUntil(end);
  const restart2y = await restartMs(dir);
  const nodeStarts: number[] = [];
  for (let round = 0; round < ROUNDS; round++) nodeStarts.push(await bareNodeStartMs());
  const nodeStart = Math.round(median(nodeStarts));

  const app = await createApp({ config, logger: pino({ level: 'silent' }) });
  const port = await app.listen();
  const today = calendar.dayKey(end);
  const from = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  const url = `http://127.0.0.1:${port}/api/v1/stats?from=${from}&to=${today}&groupBy=month&compare=previous_year`;
  const statsTimes: number[] = [];
  const scanTimes: number[] = [];
  const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
  const scan = db.prepare('SELECT metric, sum(value) FROM rollups WHERE day BETWEEN ? AND ? GROUP BY metric');
  for (let round = 0; round < 5; round++) {
    let started = performance.now();
    await (await fetch(url)).json();
    statsTimes.push(performance.now() - started);
    started = performance.now();
    scan.all(from, today);
    scanTimes.push(performance.now() - started);
  }
  db.close();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    history_events_1y: events1y,
    restart_ms_1y: restart1y,
    history_events_2y: events2y,
    restart_ms_2y: restart2y,
    node_start_ms: nodeStart,
    stats_ms_1y: Number(median(statsTimes).toFixed(1)),
    rollup_scan_ms_1y: Number(median(scanTimes).toFixed(1)),
  };
}

const LATENCY_CLIENTS = 500;
const LATENCY_EVENTS_PER_SECOND = 200;
const LATENCY_SECONDS = 8;
const QUIET_EVENTS = 20;

async function connectAll(url: string, event: string): Promise<ReturnType<typeof io>[]> {
  const clients = Array.from({ length: LATENCY_CLIENTS }, () => io(url, { transports: ['websocket'], forceNew: true }));
  await Promise.all(clients.map((c) => new Promise((r) => c.once(event, r))));
  return clients;
}

/**
 * Each acknowledged event's wait, at every wall, for the first delta that followed it: 200 events
 * a second, then one a second. In the quiet phase a delta may beat the HTTP answer to the wall
 * (nothing holds it back): a delta after an event was sent and before its answer counts as 0.
 */
async function latency(): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-bench-'));
  const { app, url } = await startApp(dir);
  const clients = await connectAll(url, 'snapshot');
  const acked: number[] = [];
  const waits: number[] = [];
  const quiet: { sentAt: number; ackedAt?: number }[] = [];
  const quietWaits: number[] = [];
  for (const client of clients) {
    let next = 0;
    let nextQuiet = 0;
    client.on('delta', () => {
      const now = performance.now();
      for (; next < acked.length; next++) waits.push(now - acked[next]!);
      for (; nextQuiet < quiet.length && quiet[nextQuiet]!.sentAt < now; nextQuiet++) quietWaits.push(Math.max(0, now - (quiet[nextQuiet]!.ackedAt ?? now)));
    });
  }
  const events = makeEvents(LATENCY_EVENTS_PER_SECOND * LATENCY_SECONDS + QUIET_EVENTS, 7);
  await postAtRate(url, TOKEN, events.slice(0, -QUIET_EVENTS), LATENCY_EVENTS_PER_SECOND, { acknowledged: (_i, at) => acked.push(at) });
  await new Promise((r) => setTimeout(r, 1_000));
  await postAtRate(url, TOKEN, events.slice(-QUIET_EVENTS), 1, {
    sent: (_i, at) => quiet.push({ sentAt: at }),
    acknowledged: (i, at) => (quiet[i]!.ackedAt = at),
  });
  await new Promise((r) => setTimeout(r, 1_000));
  for (const client of clients) client.close();
  await app.close();
  rmSync(dir, { recursive: true, force: true });

  // Baseline: socket.io alone, emitting each event's payload to the same number of clients at once.
  const http = createServer();
  const bare = new Server(http);
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const bareUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  bare.on('connection', (socket) => socket.emit('ready'));
  const bareClients = await connectAll(bareUrl, 'ready');
  const bareWaits: number[] = [];
  for (const client of bareClients) client.on('payload', (sentAt: number) => bareWaits.push(performance.now() - sentAt));
  const payload = { patch: { today: { warnings: { total: 1 } } }, recent: events.slice(0, 1) };
  for (let i = 0; i < LATENCY_EVENTS_PER_SECOND * 2; i++) {
    await new Promise((r) => setTimeout(r, 1000 / LATENCY_EVENTS_PER_SECOND));
    bare.emit('payload', performance.now(), payload);
  }
  await new Promise((r) => setTimeout(r, 1_000));
  for (const client of bareClients) client.close();
  await bare.close();
  return {
    latency_p50_ms: Math.round(percentile(waits, 50)),
    latency_p99_ms: Math.round(percentile(waits, 99)),
    latency_quiet_p50_ms: Math.round(percentile(quietWaits, 50)),
    latency_quiet_p99_ms: Math.round(percentile(quietWaits, 99)),
    raw_broadcast_p99_ms: Math.round(percentile(bareWaits, 99)),
    latency_clients: LATENCY_CLIENTS,
  };
}

/**
 * A delta carrying 10 events, as bytes read from the wall's TCP socket (frame headers
 * included), beside its JSON length; and the snapshot of a busy day.
 */
async function wireSizes(compression: boolean): Promise<{ delta: number; json: number; snapshot: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-bench-'));
  const { app, url } = await startApp(dir, { FRAUDWALL_STREAM_COMPRESSION: compression ? '1' : '0' });
  const day = makeEvents(6_000, 5);
  const calendar = new ZonedCalendar('Asia/Shanghai');
  await app.pipeline.ingestEvents(day.slice(0, 5_000));
  const wall = io(url, { transports: ['websocket'] });
  const tcp = () => (wall.io.engine.transport as unknown as { ws: { _socket: { bytesRead: number } } }).ws._socket.bytesRead;
  const wire: number[] = [];
  const json: number[] = [];
  let snapshotBytes = 0;
  wall.on('snapshot', (s) => (snapshotBytes = JSON.stringify(s).length));
  await new Promise((r) => wall.once('snapshot', r));
  for (let i = 5_000; i + 10 <= 6_000; i += 10) {
    const before = tcp();
    const delta = new Promise<Delta>((r) => wall.once('delta', r));
    // Dated now: only the last ten minutes' events are news that a delta carries for the ticker.
    const now = calendar.isoWithOffset(Date.now());
    await app.pipeline.ingestEvents(day.slice(i, i + 10).map((event) => ({ ...event, at: now })));
    const d = await delta;
    if (d.recent?.length !== 10) continue;
    wire.push(tcp() - before);
    json.push(JSON.stringify(d).length);
  }
  wall.close();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  return { delta: median(wire), json: median(json), snapshot: snapshotBytes };
}

function print(results: Record<string, number>): void {
  if (json) process.stdout.write(`${JSON.stringify(results)}\n`);
  else {
    log(`| ${'figure'.padEnd(44)} | ${'value'.padStart(10)} |\n|${'-'.repeat(46)}|${'-'.repeat(12)}|`);
    for (const [name, value] of Object.entries(results)) log(`| ${name.padEnd(44)} | ${String(value).padStart(10)} |`);
  }
}

if (options.only === 'latency') {
  print(await latency());
  process.exit(0);
}
if (options.only === 'restart') {
  print(await history());
  process.exit(0);
}
if (options.only === 'busy-room') {
  print(await busyRoomFigures(options['history-dir']));
  process.exit(0);
}
if (options.only === 'wall-load') {
  print(await wallLoadFigures());
  process.exit(0);
}
if (options.only === 'postgres') {
  print(await postgresFigures());
  process.exit(0);
}
if (options.only === 'nginx-flood') {
  print(await postgresFigures(['nginx-flood']));
  process.exit(0);
}
if (options.only === 'retention') {
  print(await retentionFigures());
  process.exit(0);
}
if (options.only === 'backup') {
  print(await backupFigures(options['history-dir']));
  process.exit(0);
}
if (options.only === 'province') {
  print(await provinceFigures());
  process.exit(0);
}
if (options.only === 'scenes') {
  print(await sceneFigures());
  process.exit(0);
}
if (options.only === 'surges') {
  print(await surgeFigures());
  process.exit(0);
}
if (options.only === 'playback') {
  print(await playbackFigures());
  process.exit(0);
}

const events = makeEvents(50_000, 1);
log(`fraudwall bench — node ${process.version}, ${ROUNDS} rounds each, medians`);
const ingest: number[] = [];
const ceiling: number[] = [];
const httpCeiling: number[] = [];
const pipeline: number[] = [];
const bodies: string[] = [];
for (let i = 0; i < events.length; i += 1_000) bodies.push(JSON.stringify(events.slice(i, i + 1_000)));
const bodiesDir = mkdtempSync(path.join(tmpdir(), 'fraudwall-bench-'));
const bodiesFile = path.join(bodiesDir, 'batches.ndjson');
writeFileSync(bodiesFile, `${bodies.join('\n')}\n`);
for (let round = 0; round < ROUNDS; round++) {
  ceiling.push(sqliteCeilingEps(events));
  httpCeiling.push(await httpCeilingEps(bodiesFile, events.length));
  ingest.push(await ingestEps(bodiesFile, events.length));
  pipeline.push(await pipelineEps(bodies.map((body) => JSON.parse(body) as unknown[]), events.length));
}
rmSync(bodiesDir, { recursive: true, force: true });
const lowerCeiling = Math.min(median(ceiling), median(httpCeiling));
const results = {
  ingest_eps: Math.round(median(ingest)),
  sqlite_ceiling_eps: Math.round(median(ceiling)),
  http_ceiling_eps: Math.round(median(httpCeiling)),
  ingest_vs_lower_ceiling: Number((median(ingest) / lowerCeiling).toFixed(3)),
  pipeline_eps: Math.round(median(pipeline)),
  ...(await latency()),
  ...(await clientsFigures()),
  ...(await history()),
  ...(await Promise.all([wireSizes(false), wireSizes(true)]).then(([plain, compressed]) => ({
    delta_bytes_p50: plain.delta,
    delta_json_bytes_p50: plain.json,
    delta_bytes_p50_compressed: compressed.delta,
    snapshot_bytes: plain.snapshot,
  }))),
  ...(await busyRoomFigures(options['history-dir'])),
  ...(await wallLoadFigures()),
  ...(await provinceFigures()),
  ...(await sceneFigures()),
  ...(await surgeFigures()),
  ...(await playbackFigures()),
  ...(await retentionFigures()),
  ...(await backupFigures(options['history-dir'])),
  ...(await postgresFigures()),
};
print(results);
process.exit(0);
