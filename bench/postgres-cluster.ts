// Several nodes on PostgreSQL (issue 13), on a throwaway cluster of the bench's own (Debian's
// initdb and pg_ctl, as the tests start it):
//  pg_ingest_eps          batches of 1,000 through the ingest pipeline on PostgreSQL, beside
//  pg_bare_insert_eps     the same driver inserting the same rows in batched transactions (no
//                         validation, projection, rollups or change feed): pg_ingest_vs_bare
//  cross_node_p50_ms/p99  an event acknowledged by one node to the delta that counts it at each
//                         of 100 walls on another, 200 events/s in batches of 10, beside
//                         same_node_p99_ms: walls on the node that acknowledged it
//  failover_ms            kill -9 one of two nodes behind nginx: to the last of its walls live
//                         again on the other (failover_walls moved), beside reconnect_floor_ms:
//                         the client's first reconnection delay at most (500 ms × 1.5)
//  pg_restart_ms_1y       `npm start` on a year of the demo's history in PostgreSQL to a served
//                         snapshot (pg_history_events_1y), beside node_start_ms
//  nginx_flood_*          issue 22: 256 concurrent anonymous sign-ins for 10 s through the shipped
//                         nginx site in front of two nodes, beside ingest at 20 events/s through
//                         it: ingest errors, nginx's "no live upstreams" and nodes marked down
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import { createApp, type FraudwallApp } from '../server/app/app';
import { readConfig } from '../server/config';
import { clientConfig } from '../server/store/postgres/pool';
import { Random } from '../server/simulator/random';
import { SimulatedCenter } from '../server/simulator/simulated-center';
import type { Delta, Snapshot } from '../shared/protocol/wall-state';
import { regionPack } from '../shared/region';
import { ZonedCalendar } from '../shared/time/zoned-calendar';
import { warning } from '../tests/fixtures/events';
import { startNginx } from '../tests/support/nginx';
import { createDatabase, startPostgres, type Postgres } from '../tests/support/postgres';
import { spawnServer } from '../tests/support/server-process';
import { INGEST_TOKEN } from '../tests/support/test-server';
import { freePort } from '../tests/support/free-port';
import { postAtRate } from './paced-post';
import { percentile } from './percentile';
import { bareNodeStartMs, buildCompiledServer, compiledStartMs } from './process-start';
import { makeEvents } from './simulated-events';

const WALLS = 100;
const EVENTS_PER_SECOND = 200;
const SECONDS = 8;
/** Events per request in the cross-node run. */
const BATCH = 10;
const ROUNDS = 3;
const FLOOD_SECONDS = 10;
const FLOOD_CONCURRENT = 256;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let databases = 0;
const freshDatabase = (postgres: Postgres) => createDatabase(postgres.url, `bench_${++databases}`);

async function startNode(databaseUrl: string): Promise<{ app: FraudwallApp; url: string; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-bench-pg-'));
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    FRAUDWALL_DATA_DIR: dir,
    FRAUDWALL_DATABASE_URL: databaseUrl,
    FRAUDWALL_INGEST_TOKEN: INGEST_TOKEN,
    FRAUDWALL_MAX_SOCKETS_PER_ADDRESS: '5000',
  });
  const app = await createApp({ config, logger: pino({ level: 'silent' }) });
  const port = await app.listen();
  return { app, url: `http://127.0.0.1:${port}`, dir };
}

async function stopNode(node: { app: FraudwallApp; dir: string }): Promise<void> {
  await node.app.close();
  rmSync(node.dir, { recursive: true, force: true });
}

/** Events per second through the pipeline on PostgreSQL, beside the driver's bare batched inserts of the same rows. */
async function ingest(postgres: Postgres): Promise<Record<string, number>> {
  const events = makeEvents(20_000, 3);
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < events.length; i += 1_000) batches.push(events.slice(i, i + 1_000));
  const pipeline: number[] = [];
  const bare: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const node = await startNode(await freshDatabase(postgres));
    let started = performance.now();
    for (const batch of batches) await node.app.pipeline.ingestEvents(batch);
    pipeline.push(events.length / ((performance.now() - started) / 1000));
    await stopNode(node);

    const pool = new pg.Pool({ ...clientConfig(await freshDatabase(postgres)), max: 1 });
    await pool.query('CREATE TABLE bare (seq bigserial PRIMARY KEY, id text NOT NULL UNIQUE, body text NOT NULL)');
    started = performance.now();
    for (const batch of batches) {
      const client = await pool.connect();
      await client.query('BEGIN');
      await client.query('INSERT INTO bare (id, body) SELECT * FROM unnest($1::text[], $2::text[])', [batch.map((e) => String(e['id'])), batch.map((e) => JSON.stringify(e))]);
      await client.query('COMMIT');
      client.release();
    }
    bare.push(events.length / ((performance.now() - started) / 1000));
    await pool.end();
  }
  return {
    pg_ingest_eps: Math.round(median(pipeline)),
    pg_bare_insert_eps: Math.round(median(bare)),
    pg_ingest_vs_bare: Number((median(pipeline) / median(bare)).toFixed(3)),
  };
}

/** Walls that keep a count of today's warnings from their snapshot and deltas; `counter` makes each wall's listener. */
function wallsCounting(url: string, counter: () => (count: number, at: number) => void): Promise<Socket[]> {
  return Promise.all(
    Array.from(
      { length: WALLS },
      () =>
        new Promise<Socket>((resolve) => {
          const wall = io(url, { transports: ['websocket'], forceNew: true });
          const onCount = counter();
          wall.once('snapshot', (snapshot: Snapshot) => {
            onCount(snapshot.today.warnings.total, performance.now());
            resolve(wall);
          });
          wall.on('delta', (delta: Delta) => {
            const total = delta.patch.today?.warnings?.total;
            if (total !== undefined) onCount(total, performance.now());
          });
        }),
    ),
  );
}

/** Acknowledged by node A → counted at each wall: on node B (cross-node) and on A itself. */
async function crossNode(postgres: Postgres): Promise<Record<string, number>> {
  const databaseUrl = await freshDatabase(postgres);
  const a = await startNode(databaseUrl);
  const b = await startNode(databaseUrl);
  const acked: number[] = [];
  const waits = { cross: [] as number[], same: [] as number[] };
  // Each post waits for the one before and the store commits in order, so a wall's count of
  // warnings says how many of the acknowledged events it has been told of.
  const follow = (into: number[]) => () => {
    let seen = 0;
    return (count: number, at: number) => {
      for (; seen < Math.min(count, acked.length); seen++) into.push(at - acked[seen]!);
    };
  };
  const walls = [...(await wallsCounting(b.url, follow(waits.cross))), ...(await wallsCounting(a.url, follow(waits.same)))];
  // 200 events/s as an upstream platform sends them: a batch of 10 every 50 ms, each posted once the one before is answered.
  const at = () => new Date(Date.now() - 1_000).toISOString();
  const batches = Array.from({ length: (EVENTS_PER_SECOND * SECONDS) / BATCH }, (_, b) => Array.from({ length: BATCH }, (_, i) => warning(`cross-${b}-${i}`, at())));
  await postAtRate(a.url, INGEST_TOKEN, batches, EVENTS_PER_SECOND / BATCH, {
    stamp: (batch) => batch.map((event) => ({ ...event, at: at() })),
    acknowledged: (_i, when) => acked.push(...Array.from({ length: BATCH }, () => when)),
  });
  await pause(2_000);
  for (const wall of walls) wall.close();
  await stopNode(a);
  await stopNode(b);
  return {
    cross_node_p50_ms: Math.round(percentile(waits.cross, 50)),
    cross_node_p99_ms: Math.round(percentile(waits.cross, 99)),
    same_node_p99_ms: Math.round(percentile(waits.same, 99)),
  };
}

/** kill -9 one of two node processes behind nginx: to the last of its walls live again on the other. */
async function failover(postgres: Postgres): Promise<Record<string, number>> {
  const databaseUrl = await freshDatabase(postgres);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fraudwall-bench-pg-'));
  const nodes = await Promise.all(
    [await freePort(), await freePort()].map((port) => spawnServer(dataDir, port, { FRAUDWALL_DATABASE_URL: databaseUrl, FRAUDWALL_MAX_SOCKETS_PER_ADDRESS: '5000' })),
  );
  const nginx = await startNginx(...nodes.map((node) => node.port));
  const walls = Array.from({ length: WALLS }, () => io(nginx.url, { transports: ['websocket'], forceNew: true, reconnectionDelay: 500, reconnectionDelayMax: 5_000, randomizationFactor: 0.5 }));
  const snapshotsAt = walls.map(() => [] as number[]);
  walls.forEach((wall, i) => wall.on('snapshot', () => snapshotsAt[i]!.push(performance.now())));
  await Promise.all(walls.map((wall) => new Promise((resolve) => wall.once('snapshot', resolve))));
  const killedAt = performance.now();
  nodes[0]!.child.kill('SIGKILL');
  await pause(8_000);
  const back = snapshotsAt.flatMap((times) => times.filter((at) => at > killedAt).slice(0, 1).map((at) => at - killedAt));
  for (const wall of walls) wall.close();
  nodes[1]!.child.kill('SIGTERM');
  await Promise.all(nodes.map((node) => node.exited));
  await nginx.stop();
  rmSync(dataDir, { recursive: true, force: true });
  return { failover_ms: Math.round(Math.max(...back)), failover_walls: back.length, reconnect_floor_ms: 750 };
}

/** A sign-in flood through nginx in front of two nodes: does ingest beside it go through, and does nginx keep both nodes? */
async function nginxFlood(postgres: Postgres): Promise<Record<string, number>> {
  const databaseUrl = await freshDatabase(postgres);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fraudwall-bench-pg-'));
  const nodes = await Promise.all([await freePort(), await freePort()].map((port) => spawnServer(dataDir, port, { FRAUDWALL_DATABASE_URL: databaseUrl })));
  const nginx = await startNginx(...nodes.map((node) => node.port));
  const until = performance.now() + FLOOD_SECONDS * 1000;
  const signIns = new Map<number, number>();
  const signInLoop = async (worker: number) => {
    for (let n = 0; performance.now() < until; n++) {
      const username = n % 4 === 0 ? 'flood.locked' : `flood-${worker}-${n}`;
      const answer = await fetch(`${nginx.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'not the password' }) }).catch(() => undefined);
      await answer?.arrayBuffer();
      const status = answer?.status ?? 0;
      signIns.set(status, (signIns.get(status) ?? 0) + 1);
    }
  };
  let ingestErrors = 0;
  let ingested = 0;
  const ingestLoop = async () => {
    for (let i = 0; performance.now() < until; i++) {
      const answer = await fetch(`${nginx.url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify([warning(`flood-${i}`, new Date(Date.now() - 60_000).toISOString())]),
      }).catch(() => undefined);
      await answer?.arrayBuffer();
      if (answer?.status === 200) ingested++;
      else ingestErrors++;
      await pause(50);
    }
  };
  await Promise.all([ingestLoop(), ...Array.from({ length: FLOOD_CONCURRENT }, (_, worker) => signInLoop(worker))]);
  const errorLog = nginx.errorLog();
  for (const node of nodes) node.child.kill('SIGTERM');
  await Promise.all(nodes.map((node) => node.exited));
  await nginx.stop();
  rmSync(dataDir, { recursive: true, force: true });
  const figures: Record<string, number> = {
    nginx_flood_ingest_ok: ingested,
    nginx_flood_ingest_errors: ingestErrors,
    nginx_flood_no_live_upstreams: errorLog.split('no live upstreams').length - 1,
    nginx_flood_nodes_marked_down: errorLog.split('upstream server temporarily disabled').length - 1,
    nginx_flood_worker_connections_short: errorLog.split('worker_connections are not enough').length - 1,
  };
  for (const [status, count] of signIns) figures[`nginx_flood_signin_${status === 0 ? 'unanswered' : status}`] = count;
  return figures;
}

/** A year of the demo's history in PostgreSQL, then `npm start` to a served snapshot. */
async function restart(postgres: Postgres): Promise<Record<string, number>> {
  buildCompiledServer();
  const databaseUrl = await freshDatabase(postgres);
  const node = await startNode(databaseUrl);
  const calendar = new ZonedCalendar('Asia/Shanghai');
  const end = Date.now();
  const center = new SimulatedCenter(regionPack('shaoxing'), calendar, new Random(99), 'pghist', end - 365 * 86_400_000);
  let stored = 0;
  while (center.simMs < end) {
    const batch = center.advance(Math.min(end, center.simMs + 2 * 86_400_000));
    const events = batch.map(({ simMs, body }) => ({ ...body, at: calendar.isoWithOffset(Math.round(simMs)) }));
    for (let i = 0; i < events.length; i += 10_000) stored += (await node.app.pipeline.ingestEvents(events.slice(i, i + 10_000))).accepted;
  }
  await stopNode(node);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fraudwall-bench-pg-'));
  const starts: number[] = [];
  const bare: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    starts.push(await compiledStartMs(dataDir, { FRAUDWALL_DATABASE_URL: databaseUrl }));
    bare.push(await bareNodeStartMs());
  }
  rmSync(dataDir, { recursive: true, force: true });
  return { pg_history_events_1y: stored, pg_restart_ms_1y: Math.round(median(starts)), node_start_ms: Math.round(median(bare)) };
}

/** `parts`: which to run (all when absent). */
export async function postgresFigures(parts?: readonly ('ingest' | 'cross-node' | 'failover' | 'nginx-flood' | 'restart')[]): Promise<Record<string, number>> {
  const postgres = await startPostgres();
  const wanted = (part: NonNullable<typeof parts>[number]) => parts === undefined || parts.includes(part);
  try {
    return {
      ...(wanted('ingest') ? await ingest(postgres) : {}),
      ...(wanted('cross-node') ? await crossNode(postgres) : {}),
      ...(wanted('failover') ? await failover(postgres) : {}),
      ...(wanted('nginx-flood') ? await nginxFlood(postgres) : {}),
      ...(wanted('restart') ? await restart(postgres) : {}),
    };
  } finally {
    postgres.destroy();
  }
}
