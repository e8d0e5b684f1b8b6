// npm run bench [-- --json]: the pipeline's figures beside baselines measured in the same run
// (this machine is shared and noisy: the ratios are what count).
//  ingest_eps          POST /api/v1/events, batches of 1,000, one wall connected
//  sqlite_ceiling_eps  better-sqlite3 inserting the same rows in batched transactions, no HTTP or validation
//  http_ceiling_eps    a bare Express endpoint receiving the same batches and discarding them
//  restart_ms_2y       process start to a served snapshot on two years of simulated history
//  stats_ms_1y         GET /api/v1/stats for a year against the year before, beside rollup_scan_ms_1y
//  delta_bytes_p50     a delta carrying 10 events; snapshot_bytes: a snapshot of a busy day
//  latency_p50_ms, latency_p99_ms  acknowledged ingest to the delta at each of 500 walls, 200 events/s,
//                      beside raw_broadcast_p99_ms: a bare socket.io server emitting to 500 clients
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import express from 'express';
import pino from 'pino';
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { createApp, type FraudwallApp } from '../server/app';
import { readConfig } from '../server/config';
import type { Delta } from '../shared/protocol/wall-state';
import { regionPack } from '../shared/region';
import { ZonedCalendar } from '../shared/time/zoned-calendar';
import { Random } from '../server/simulator/random';
import { SimulatedCenter } from '../server/simulator/simulated-center';

const TOKEN = 'bench-ingest-token';
const ROUNDS = 3;
const json = process.argv.includes('--json');
const log = (line: string) => {
  if (!json) process.stdout.write(`${line}\n`);
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Simulated events with real timestamps ending now, so every one is valid. */
function makeEvents(count: number, seed: number, endMs = Date.now()): Record<string, unknown>[] {
  const calendar = new ZonedCalendar('Asia/Shanghai');
  const out: Record<string, unknown>[] = [];
  // A simulated day has about 2,500 events: go back far enough to get `count`.
  const days = Math.ceil(count / 2_000) + 1;
  const center = new SimulatedCenter(regionPack('shaoxing'), calendar, new Random(seed), `b${seed}`, endMs - days * 86_400_000);
  for (const { simMs, body } of center.advance(endMs)) {
    out.push({ ...body, at: calendar.isoWithOffset(Math.round(simMs)) });
    if (out.length === count) break;
  }
  return out;
}

async function startApp(dataDir: string): Promise<{ app: FraudwallApp; url: string }> {
  const config = readConfig({ PORT: '0', HOST: '127.0.0.1', FRAUDWALL_DATA_DIR: dataDir, FRAUDWALL_INGEST_TOKEN: TOKEN });
  const app = createApp({ config, logger: pino({ level: 'silent' }) });
  const port = await app.listen();
  return { app, url: `http://127.0.0.1:${port}` };
}

async function ingestEps(bodies: readonly string[], events: number): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-bench-'));
  const { app, url } = await startApp(dir);
  const wall = io(url, { transports: ['websocket'] });
  await new Promise((r) => wall.once('snapshot', r));
  const started = performance.now();
  for (const body of bodies) {
    const response = await fetch(`${url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body,
    });
    if (response.status !== 200) throw new Error(`ingest answered ${response.status}`);
    await response.arrayBuffer();
  }
  const seconds = (performance.now() - started) / 1000;
  wall.close();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  return events / seconds;
}

async function httpCeilingEps(bodies: readonly string[], events: number): Promise<number> {
  const app = express();
  app.post('/ingest', express.raw({ type: () => true, limit: '10mb' }), (_req, res) => {
    res.json({ accepted: 0 });
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const started = performance.now();
  for (const body of bodies) {
    const response = await fetch(`http://127.0.0.1:${port}/ingest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await response.arrayBuffer();
  }
  const seconds = (performance.now() - started) / 1000;
  server.close();
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

/**
 * Two years of simulated history through the pipeline, then: process start to a served
 * snapshot (`restart_ms_2y`), and GET /api/v1/stats for one year against the year before
 * (`stats_ms_1y`) beside a bare SQL sum over the same rollup rows (`rollup_scan_ms_1y`).
 */
async function history(): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-bench-'));
  const config = readConfig({ PORT: '0', HOST: '127.0.0.1', FRAUDWALL_DATA_DIR: dir });
  let app = createApp({ config, logger: pino({ level: 'silent' }) });
  const end = Date.now();
  const calendar = new ZonedCalendar('Asia/Shanghai');
  const center = new SimulatedCenter(regionPack('shaoxing'), calendar, new Random(99), 'hist', end - 730 * 86_400_000);
  while (center.simMs < end) {
    const batch = center.advance(Math.min(end, center.simMs + 2 * 86_400_000));
    const events = batch.map(({ simMs, body }) => ({ ...body, at: calendar.isoWithOffset(Math.round(simMs)) }));
    for (let i = 0; i < events.length; i += 10_000) app.pipeline.ingest(events.slice(i, i + 10_000));
  }
  const stored = app.store.log.count();
  await app.close();

  const restarts: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    app = createApp({ config, logger: pino({ level: 'silent' }) });
    const port = await app.listen();
    await (await fetch(`http://127.0.0.1:${port}/api/v1/snapshot`)).json();
    restarts.push(performance.now() - started);
    await app.close();
  }

  app = createApp({ config, logger: pino({ level: 'silent' }) });
  const port = await app.listen();
  const today = calendar.dayKey(end);
  const from = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  const url = `http://127.0.0.1:${port}/api/v1/stats?from=${from}&to=${today}&groupBy=month&compare=previous_year`;
  const statsTimes: number[] = [];
  const scanTimes: number[] = [];
  const scan = app.db.prepare('SELECT metric, sum(value) FROM rollups WHERE day BETWEEN ? AND ? GROUP BY metric');
  for (let round = 0; round < 5; round++) {
    let started = performance.now();
    await (await fetch(url)).json();
    statsTimes.push(performance.now() - started);
    started = performance.now();
    scan.all(from, today);
    scanTimes.push(performance.now() - started);
  }
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    history_events_2y: stored,
    restart_ms_2y: Math.round(median(restarts)),
    stats_ms_1y: Number(median(statsTimes).toFixed(1)),
    rollup_scan_ms_1y: Number(median(scanTimes).toFixed(1)),
  };
}

const LATENCY_CLIENTS = 500;
const LATENCY_EVENTS_PER_SECOND = 200;
const LATENCY_SECONDS = 8;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function connectAll(url: string, event: string): Promise<ReturnType<typeof io>[]> {
  const clients = Array.from({ length: LATENCY_CLIENTS }, () => io(url, { transports: ['websocket'], forceNew: true }));
  await Promise.all(clients.map((c) => new Promise((r) => c.once(event, r))));
  return clients;
}

/** Each acknowledged event's wait, at every wall, for the first delta that followed it. */
async function latency(): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-bench-'));
  const { app, url } = await startApp(dir);
  const clients = await connectAll(url, 'snapshot');
  const acked: number[] = [];
  const waits: number[] = [];
  for (const client of clients) {
    let next = 0;
    client.on('delta', () => {
      const now = performance.now();
      for (; next < acked.length; next++) waits.push(now - acked[next]!);
    });
  }
  const events = makeEvents(LATENCY_EVENTS_PER_SECOND * LATENCY_SECONDS, 7);
  const started = performance.now();
  for (let i = 0; i < events.length; i++) {
    const due = started + (i * 1000) / LATENCY_EVENTS_PER_SECOND;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    const response = await fetch(`${url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(events[i]),
    });
    await response.arrayBuffer();
    acked.push(performance.now());
  }
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
    raw_broadcast_p99_ms: Math.round(percentile(bareWaits, 99)),
    latency_clients: LATENCY_CLIENTS,
  };
}

async function wireSizes(): Promise<{ delta: number; snapshot: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-bench-'));
  const { app, url } = await startApp(dir);
  const day = makeEvents(6_000, 5);
  app.pipeline.ingest(day.slice(0, 5_000));
  const wall = io(url, { transports: ['websocket'] });
  const sizes: number[] = [];
  let snapshotBytes = 0;
  wall.on('snapshot', (s) => (snapshotBytes = JSON.stringify(s).length));
  wall.on('delta', (d: Delta) => {
    if ((d.recent?.length ?? 0) === 10) sizes.push(JSON.stringify(d).length);
  });
  await new Promise((r) => wall.once('snapshot', r));
  for (let i = 5_000; i + 10 <= 6_000; i += 10) {
    app.pipeline.ingest(day.slice(i, i + 10));
    app.broadcaster.flush();
    await new Promise((r) => setTimeout(r, 5));
  }
  wall.close();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  return { delta: median(sizes), snapshot: snapshotBytes };
}

const events = makeEvents(50_000, 1);
log(`fraudwall bench — node ${process.version}, ${ROUNDS} rounds each, medians`);
const ingest: number[] = [];
const ceiling: number[] = [];
const httpCeiling: number[] = [];
const bodies: string[] = [];
for (let i = 0; i < events.length; i += 1_000) bodies.push(JSON.stringify(events.slice(i, i + 1_000)));
for (let round = 0; round < ROUNDS; round++) {
  ceiling.push(sqliteCeilingEps(events));
  httpCeiling.push(await httpCeilingEps(bodies, events.length));
  ingest.push(await ingestEps(bodies, events.length));
}
const lowerCeiling = Math.min(median(ceiling), median(httpCeiling));
const results = {
  ingest_eps: Math.round(median(ingest)),
  sqlite_ceiling_eps: Math.round(median(ceiling)),
  http_ceiling_eps: Math.round(median(httpCeiling)),
  ingest_vs_lower_ceiling: Number((median(ingest) / lowerCeiling).toFixed(3)),
  ...(await latency()),
  ...(await history()),
  ...(await wireSizes().then(({ delta, snapshot }) => ({ delta_bytes_p50: delta, snapshot_bytes: snapshot }))),
};
if (json) process.stdout.write(`${JSON.stringify(results)}\n`);
else for (const [name, value] of Object.entries(results)) log(`${name.padEnd(26)} ${value}`);
process.exit(0);
