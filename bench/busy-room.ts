// busy_*: the thread that serves the walls, held to its budget in a busy control room — two
// years of demo history stored, 200 walls, three consoles signed in and working, a briefing
// open, ingest at 20 events/s with a 10 s burst of 2,000 events/s, and statistics over 1,100
// days every second — beside quiet_*: the same walls and the 20 events/s alone; and flood_*
// (issue 22): the quiet room while anonymous clients flood it — 256 concurrent sign-ins (unknown
// names, and one name locked from their address) for 10 s, and 64 connections polling /healthz
// throughout, all from one address.
// The server runs in its own process (server/main.ts); this process plays the room.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as pause } from 'node:timers/promises';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { io, type Socket } from 'socket.io-client';
import { DATABASE_FILE } from '../server/store/sqlite/open-database';
import type { Delta } from '../shared/protocol/wall-state';
import { addDays } from '../shared/time/zoned-calendar';
import { makeEvents } from './simulated-events';
import { percentile } from './percentile';

export const INGEST = 'busy-room-ingest-token';
const OPERATOR = 'busy-room-operator-token';
const WALLS = 200;
const CONSOLES = 3;
const RUN_SECONDS = 60;
const BURST = { fromSecond: 20, seconds: 10, eventsPerSecond: 2_000 };
const STEADY_EVENTS_PER_SECOND = 20;
const HISTORY_DAYS = 730;
const SIGN_IN_FLOOD = { fromSecond: 20, seconds: 10, concurrent: 256 };
const HEALTH_POLLERS = 64;

interface Server {
  readonly url: string;
  /** Rejects, with its exit code or signal and its last log lines, if the server ends before `stop`. */
  readonly died: Promise<never>;
  stop(): Promise<void>;
}

/** Log lines kept to tell why a server died. */
const LAST_LINES = 30;

export async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      FRAUDWALL_DATA_DIR: dataDir,
      FRAUDWALL_INGEST_TOKEN: INGEST,
      FRAUDWALL_OPERATOR_TOKEN: OPERATOR,
      FRAUDWALL_MAX_SOCKETS_PER_ADDRESS: '5000',
      // The port is read from the "listening" line.
      FRAUDWALL_LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Both streams are drained for good (a full pipe would block the server), keeping the last lines.
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - LAST_LINES));
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let stopping = false;
  const died = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) => {
      if (!stopping) reject(new Error(`the server (pid ${child.pid}) ended with ${signal ?? `exit code ${code}`}; its last log lines:\n${lines.join('\n')}`));
    });
  });
  died.catch(() => {});
  const port = await Promise.race([
    died,
    new Promise<number>((resolve) => {
      const onData = () => {
        const match = /"port":(\d+)/.exec(lines.join('\n'));
        if (!match) return;
        child.stdout!.off('data', onData);
        resolve(Number(match[1]));
      };
      child.stdout!.on('data', onData);
    }),
  ]);
  return {
    url: `http://127.0.0.1:${port}`,
    died,
    stop: () =>
      new Promise((resolve) => {
        stopping = true;
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Two years of the demo's history, loaded the way `npm run demo` loads it. */
export async function fillHistory(dataDir: string): Promise<void> {
  const server = await startServer(dataDir, { FRAUDWALL_SIMULATE: '1', FRAUDWALL_SIMULATE_HISTORY_DAYS: String(HISTORY_DAYS) });
  for (;;) {
    await Promise.race([sleep(2_000), server.died]);
    const status = (await (await fetch(`${server.url}/api/v1/status`)).json()) as { history?: { complete: boolean } };
    if (status.history?.complete) break;
  }
  await server.stop();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The event-loop delay the server's own monitorEventLoopDelay saw since the previous scrape (prom-client resets it). */
export async function eventLoop(url: string): Promise<{ p99Ms: number; maxMs: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (name: string) => Number(new RegExp(`^fraudwall_nodejs_eventloop_lag_${name}_seconds (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) * 1000;
  return { p99Ms: read('p99'), maxMs: read('max') };
}

class Latencies {
  readonly byEndpoint = new Map<string, number[]>();
  errors = 0;
  /** Requests that got no answer at all (a refused or dropped connection). */
  unanswered = 0;

  /** The answer's body; undefined, counted, when there was none — never a rejection, since the room fires many requests and awaits few. */
  async time(endpoint: string, url: string, init: RequestInit = {}): Promise<unknown> {
    const started = performance.now();
    let response: Response;
    try {
      response = await fetch(url, init);
    } catch {
      this.unanswered++;
      return undefined;
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.status >= 500) this.errors++;
    const list = this.byEndpoint.get(endpoint) ?? this.byEndpoint.set(endpoint, []).get(endpoint)!;
    list.push(performance.now() - started);
    return body;
  }
}

interface ConsoleRun {
  readonly socket: Socket;
  /** Settles once the console has stopped working (its `stop` signal): nothing it sends comes later. */
  readonly done: Promise<void>;
}

/** A console as the real one behaves: the open list when it changes (one request at a time), a county's stations once, steps now and then. */
function startConsole(url: string, latencies: Latencies, stop: AbortSignal): ConsoleRun {
  const auth = { authorization: `Bearer ${OPERATOR}` };
  const socket = io(url, { transports: ['websocket'], forceNew: true, auth: { token: OPERATOR } });
  const counties = new Set<string>();
  let loading = false;
  let again = false;
  let oldest: { warningId: string; step: string } | undefined;
  const refresh = async () => {
    if (loading) return void (again = true);
    loading = true;
    do {
      again = false;
      const answer = await latencies.time('escalations', `${url}/api/v1/escalations`, { headers: auth });
      const list = Array.isArray(answer) ? (answer as { warningId: string; step: string; county: string }[]) : [];
      oldest = list[0];
      for (const { county } of list) {
        if (counties.has(county)) continue;
        counties.add(county);
        void latencies.time('stations', `${url}/api/v1/stations?county=${county}`, { headers: auth });
      }
    } while (again && !stop.aborted);
    loading = false;
  };
  socket.on('snapshot', () => void refresh());
  socket.on('delta', (delta: Delta) => {
    if ('activeEscalations' in delta.patch || 'activeEscalationsUnlisted' in delta.patch) void refresh();
  });
  const done = (async () => {
    for (let tick = 0; ; tick++) {
      // Ends with the room: a tick that woke after the server stopped would post to nobody.
      if (!(await pausedUnlessStopped(5_000, stop))) return;
      if (oldest) {
        const step = oldest.step === 'opened' ? { step: 'comms', note: '核查', by: '值班员' } : { step: 'resolved', outcome: 'dissuaded', by: '值班员' };
        void latencies.time('steps', `${url}/api/v1/escalations/${oldest.warningId}/steps`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify(step),
        });
      }
      if (tick % 2 === 0) void latencies.time('rejected', `${url}/api/v1/rejected?limit=200`, { headers: auth });
    }
  })();
  return { socket, done };
}

/** Waits `ms`; false if `stop` came first. */
function pausedUnlessStopped(ms: number, stop: AbortSignal): Promise<boolean> {
  return pause(ms, true, { signal: stop }).catch(() => false);
}

type Room = 'quiet' | 'busy' | 'flood';

/** The flood room's anonymous clients, in their own process (anonymous-flood.ts): their answers by status. */
function anonymousFlood(url: string): Promise<{ signIns: Record<string, number>; health: Record<string, number> }> {
  const args = [url, RUN_SECONDS, SIGN_IN_FLOOD.fromSecond, SIGN_IN_FLOOD.seconds, SIGN_IN_FLOOD.concurrent, HEALTH_POLLERS].map(String);
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/anonymous-flood.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as { signIns: Record<string, number>; health: Record<string, number> }) : reject(new Error(`the flood ended with exit code ${code}`))));
  });
}

/** Audit records in the SQLite database of a stopped server. */
function auditRecords(dataDir: string): number {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function room(dataDir: string, kind: Room): Promise<Record<string, number>> {
  const busy = kind === 'busy';
  const auditBefore = auditRecords(dataDir);
  const server = await startServer(dataDir);
  const { url } = server;
  const walls = Array.from({ length: WALLS }, () => io(url, { transports: ['websocket'], forceNew: true }));
  await Promise.race([Promise.all(walls.map((w) => new Promise((r) => w.once('snapshot', r)))), server.died]);
  const gaps: number[] = [];
  for (const wall of walls) {
    let last = performance.now();
    wall.on('heartbeat', () => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    });
  }
  const latencies = new Latencies();
  const stop = new AbortController();
  const consoles = busy ? Array.from({ length: CONSOLES }, () => startConsole(url, latencies, stop.signal)) : [];
  const { day } = (await (await fetch(`${url}/api/v1/status`)).json()) as { day: string };
  const events = makeEvents(STEADY_EVENTS_PER_SECOND * RUN_SECONDS + (busy ? BURST.eventsPerSecond * BURST.seconds : 0) + 1_000, 11);
  let next = 0;
  const post = (count: number) => {
    const batch = events.slice(next, (next += count));
    return latencies.time('ingest', `${url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${INGEST}`, 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    });
  };

  await eventLoop(url);
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const loops: Promise<void>[] = [
    (async () => {
      while (elapsed() < RUN_SECONDS) {
        void post(1);
        await sleep(1000 / STEADY_EVENTS_PER_SECOND);
      }
    })(),
  ];
  const flood = kind === 'flood' ? anonymousFlood(url) : undefined;
  // The room ends when the flood has had its answers, not while its last requests are in flight.
  if (flood) loops.push(flood.then(() => undefined));
  if (busy) {
    loops.push(
      (async () => {
        await sleep(BURST.fromSecond * 1000);
        const perTick = BURST.eventsPerSecond / 10;
        for (let t = 0; t < BURST.seconds * 10; t++) {
          void post(perTick);
          await sleep(100);
        }
      })(),
      (async () => {
        const from = addDays(day, -1_099);
        while (elapsed() < RUN_SECONDS) {
          void latencies.time('stats_1100d', `${url}/api/v1/stats?from=${from}&to=${day}&groupBy=month&compare=previous_year`);
          await sleep(1_000);
        }
      })(),
      (async () => {
        // The briefing: what it loads on open and every refresh (sped up from 30 s to 5 s).
        while (elapsed() < RUN_SECONDS) {
          await latencies.time('status', `${url}/api/v1/status`);
          await Promise.all([
            latencies.time('stats', `${url}/api/v1/stats?from=${day.slice(0, 4)}-01-01&to=${day.slice(0, 4)}-12-31&groupBy=month&compare=previous_year`),
            latencies.time('stats', `${url}/api/v1/stats?from=${day.slice(0, 7)}-01&to=${day}&groupBy=day&compare=previous_year`),
          ]);
          await sleep(5_000);
        }
      })(),
    );
  }
  // A server that dies is reported as such, not as the next request's refused connection.
  await Promise.race([Promise.all(loops), server.died]);
  const loop = await eventLoop(url);
  stop.abort();
  await Promise.all(consoles.map((c) => c.done));
  await sleep(500);
  for (const socket of [...walls, ...consoles.map((c) => c.socket)]) socket.close();
  await server.stop();

  const prefix = kind;
  const pageEndpoints = [...latencies.byEndpoint].filter(([name]) => name !== 'ingest');
  const figures: Record<string, number> = {
    [`${prefix}_heartbeat_gap_max_ms`]: Math.round(Math.max(...gaps)),
    [`${prefix}_eventloop_p99_ms`]: Number(loop.p99Ms.toFixed(1)),
    [`${prefix}_eventloop_max_ms`]: Number(loop.maxMs.toFixed(1)),
    [`${prefix}_ingest_p99_ms`]: Math.round(percentile(latencies.byEndpoint.get('ingest') ?? [], 99)),
    [`${prefix}_events_posted`]: next,
    [`${prefix}_5xx`]: latencies.errors,
    [`${prefix}_unanswered`]: latencies.unanswered,
  };
  for (const [name, times] of pageEndpoints) {
    figures[`${prefix}_${name}_p99_ms`] = Math.round(percentile(times, 99));
    figures[`${prefix}_${name}_requests`] = times.length;
  }
  if (kind === 'flood') {
    const { signIns, health } = await flood!;
    for (const [status, count] of Object.entries(signIns)) figures[`flood_signin_${status === '0' ? 'unanswered' : status}`] = count;
    for (const [status, count] of Object.entries(health)) figures[`flood_healthz_${status === '0' ? 'unanswered' : status}`] = count;
    // Everything the room added to the audit trail: the start and stop records, and the flood's merged failures.
    figures['flood_audit_records_added'] = auditRecords(dataDir) - auditBefore;
  }
  return figures;
}

/** Both rooms on copies of the same history (`historyDir`, or two years simulated here first). */
export async function busyRoomFigures(historyDir?: string): Promise<Record<string, number>> {
  const work = mkdtempSync(path.join(tmpdir(), 'fraudwall-busy-'));
  const history = path.join(work, 'history');
  try {
    if (historyDir) cpSync(historyDir, history, { recursive: true });
    else await fillHistory(history);
    const copy = (name: string) => {
      const dir = path.join(work, name);
      cpSync(history, dir, { recursive: true });
      return dir;
    };
    const quiet = await room(copy('quiet'), 'quiet');
    const busy = await room(copy('busy'), 'busy');
    const flood = await room(copy('flood'), 'flood');
    return {
      ...quiet,
      ...busy,
      ...flood,
      flood_vs_quiet_eventloop_p99: Number((flood['flood_eventloop_p99_ms']! / quiet['quiet_eventloop_p99_ms']!).toFixed(2)),
      flood_vs_quiet_ingest_p99: Number((flood['flood_ingest_p99_ms']! / quiet['quiet_ingest_p99_ms']!).toFixed(2)),
      busy_vs_quiet_eventloop_p99: Number((busy['busy_eventloop_p99_ms']! / quiet['quiet_eventloop_p99_ms']!).toFixed(2)),
      busy_vs_quiet_heartbeat_gap_max: Number((busy['busy_heartbeat_gap_max_ms']! / quiet['quiet_heartbeat_gap_max_ms']!).toFixed(2)),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
