// The server side of the 1,000-client figures, alone in its own process so that its memory and
// CPU are not mixed with the clients': `fraudwall` (the real app on a temp database, as
// configured by default), `fraudwall-compressed` (FRAUDWALL_STREAM_COMPRESSION=1) or `bare`
// (socket.io with default options broadcasting a delta-sized payload 4 times a second and a
// heartbeat every second, the way fraudwall's stream does). argv: kind, ingest token. Answers `measure` over IPC with
// its memory after a forced GC and its CPU time so far.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { Server } from 'socket.io';
import { createApp } from '../server/app/app';
import { readConfig } from '../server/config';
import { makeEvents } from './simulated-events';

export interface LoadMeasurement {
  readonly memory: NodeJS.MemoryUsage;
  readonly cpuMicros: number;
}

const [kind, ingestToken] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!process.send || !gc) throw new Error('run by bench/clients.ts: forked with --expose-gc');
const send = process.send.bind(process);

async function startFraudwall(compression: boolean): Promise<{ port: number; stop: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-bench-'));
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    FRAUDWALL_DATA_DIR: dir,
    FRAUDWALL_INGEST_TOKEN: ingestToken,
    FRAUDWALL_STREAM_COMPRESSION: compression ? '1' : '0',
    // A thousand clients, all from 127.0.0.1.
    FRAUDWALL_MAX_SOCKETS_PER_ADDRESS: '5000',
  });
  const app = await createApp({ config, logger: pino({ level: 'silent' }) });
  const port = await app.listen();
  return { port, stop: async () => (await app.close(), rmSync(dir, { recursive: true, force: true })) };
}

async function startBare(): Promise<{ port: number; stop: () => Promise<void> }> {
  const http = createServer();
  const io = new Server(http);
  const recent = makeEvents(10, 3);
  const snapshot = { seq: 0, recent: makeEvents(40, 4) };
  io.on('connection', (socket) => socket.emit('snapshot', snapshot));
  let seq = 0;
  const timers = [
    setInterval(() => io.emit('delta', { seq: ++seq, patch: { today: { warnings: { total: seq } } }, recent }), 250),
    setInterval(() => io.emit('heartbeat', { serverTime: new Date().toISOString() }), 1_000),
  ];
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return {
    port: (http.address() as AddressInfo).port,
    stop: async () => {
      timers.forEach(clearInterval);
      await io.close();
    },
  };
}

const server = kind === 'bare' ? await startBare() : await startFraudwall(kind === 'fraudwall-compressed');
process.on('message', async (message) => {
  if (message === 'measure') {
    gc();
    await new Promise((r) => setTimeout(r, 100));
    gc();
    const cpu = process.cpuUsage();
    send({ memory: process.memoryUsage(), cpuMicros: cpu.user + cpu.system } satisfies LoadMeasurement);
  } else if (message === 'stop') {
    await server.stop();
    process.exit(0);
  }
});
send({ port: server.port });
