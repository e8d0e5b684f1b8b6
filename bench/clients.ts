// clients_1000_*: what 1,000 connected walls cost the server while 200 events/s flow, as
// configured by default and with FRAUDWALL_STREAM_COMPRESSION=1, beside the same 1,000 clients on bare socket.io
// (bench/load-server.ts runs each server in its own process).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import type { LoadMeasurement } from './load-server';
import { makeEvents } from './simulated-events';

const INGEST_TOKEN = 'bench-ingest-token';
const CLIENTS = 1_000;
const CONNECT_GROUP = 100;
const LOAD_SECONDS = 10;
const EVENTS_PER_SECOND = 200;

interface ServerFigures {
  readonly heapKbPerClient: number;
  readonly rssKbPerClient: number;
  readonly cpuPercent: number;
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve) => child.once('message', (m) => resolve(m as T)));
}

async function measure(child: ChildProcess): Promise<LoadMeasurement> {
  const answer = nextMessage<LoadMeasurement>(child);
  child.send('measure');
  return answer;
}

async function connect(url: string): Promise<Socket[]> {
  const clients: Socket[] = [];
  for (let i = 0; i < CLIENTS; i += CONNECT_GROUP) {
    const group = Array.from({ length: CONNECT_GROUP }, () => io(url, { transports: ['websocket'], forceNew: true, reconnection: false }));
    await Promise.all(group.map((c) => new Promise((r) => c.once('snapshot', r))));
    clients.push(...group);
  }
  return clients;
}

/** Posts simulated events at EVENTS_PER_SECOND for LOAD_SECONDS, in ten requests a second. */
async function ingestLoad(url: string): Promise<void> {
  const events = makeEvents(EVENTS_PER_SECOND * LOAD_SECONDS, 9);
  const perRequest = EVENTS_PER_SECOND / 10;
  const started = performance.now();
  for (let i = 0; i < events.length; i += perRequest) {
    await new Promise((r) => setTimeout(r, Math.max(0, started + (i / EVENTS_PER_SECOND) * 1000 - performance.now())));
    const response = await fetch(`${url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(events.slice(i, i + perRequest)),
    });
    await response.arrayBuffer();
  }
}

async function serverUnderClients(kind: 'fraudwall' | 'fraudwall-compressed' | 'bare'): Promise<ServerFigures> {
  const child = fork(fileURLToPath(new URL('./load-server.ts', import.meta.url)), [kind, INGEST_TOKEN], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
  });
  const { port } = await nextMessage<{ port: number }>(child);
  const url = `http://127.0.0.1:${port}`;
  const idle = await measure(child);
  const clients = await connect(url);
  const start = await measure(child);
  const startedAt = performance.now();
  if (kind !== 'bare') await ingestLoad(url);
  else await new Promise((r) => setTimeout(r, LOAD_SECONDS * 1000));
  const seconds = (performance.now() - startedAt) / 1000;
  const end = await measure(child);
  for (const client of clients) client.close();
  child.send('stop');
  await new Promise((r) => child.once('exit', r));
  const perClient = (bytes: number) => Number((bytes / CLIENTS / 1024).toFixed(1));
  return {
    heapKbPerClient: perClient(end.memory.heapUsed - idle.memory.heapUsed),
    rssKbPerClient: perClient(end.memory.rss - idle.memory.rss),
    cpuPercent: Number((((end.cpuMicros - start.cpuMicros) / 1e6 / seconds) * 100).toFixed(1)),
  };
}

export async function clientsFigures(): Promise<Record<string, number>> {
  const plain = await serverUnderClients('fraudwall');
  const compressed = await serverUnderClients('fraudwall-compressed');
  const bare = await serverUnderClients('bare');
  const vsBare = (kb: number) => Number((kb / bare.heapKbPerClient).toFixed(2));
  return {
    clients_1000_heap_kb_per_client: plain.heapKbPerClient,
    clients_1000_cpu_percent: plain.cpuPercent,
    clients_1000_rss_kb_per_client: plain.rssKbPerClient,
    clients_1000_heap_vs_bare: vsBare(plain.heapKbPerClient),
    clients_1000_compressed_heap_kb_per_client: compressed.heapKbPerClient,
    clients_1000_compressed_cpu_percent: compressed.cpuPercent,
    clients_1000_compressed_rss_kb_per_client: compressed.rssKbPerClient,
    clients_1000_compressed_heap_vs_bare: vsBare(compressed.heapKbPerClient),
    bare_socketio_heap_kb_per_client: bare.heapKbPerClient,
    bare_socketio_cpu_percent: bare.cpuPercent,
    bare_socketio_rss_kb_per_client: bare.rssKbPerClient,
  };
}
