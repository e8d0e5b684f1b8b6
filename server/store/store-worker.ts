// A store thread: opens its engine's repositories — SQLite's writer or reader, or PostgreSQL —
// puts the use cases (services/) over them, and answers calls by name (in order, for SQLite's
// synchronous repositories). It checks the engine's health every few seconds, tells the main
// thread of each change, and passes on what the engine tells unasked.
import { parentPort, workerData } from 'node:worker_threads';
import { classified } from './errors';
import type { HealthPort } from './ports';
import { openPostgres } from './postgres/engine';
import { isPostgresFault } from './postgres/faults';
import { readerService } from './services/reader';
import { writerService } from './services/writer';
import { sqliteReader } from './sqlite/reader';
import { isSqliteFault } from './sqlite/faults';
import { sqliteWriter } from './sqlite/writer';
import type { ReaderApi, StoreNews, WriterApi } from './store';
import type { StoreSettings } from './store-settings';
import { serialiseError, type CallMessage, type WorkerMessage } from './worker-rpc';

export const HEALTH_CHECK_MS = 2_000;

export interface StoreWorkerData {
  /** SQLite's writer or reader, or one PostgreSQL engine that writes and reads. */
  readonly role: 'writer' | 'reader' | 'postgres';
  readonly settings: StoreSettings;
}

type Call = (...args: never[]) => Promise<unknown>;

/** What this thread answers: the role's use cases, and the engine's health if it writes. */
interface Thread {
  readonly calls: WriterApi | ReaderApi | (WriterApi & ReaderApi);
  readonly health?: HealthPort;
}

const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);
const tell = (news: StoreNews) => post({ type: 'push', value: news });
const { role, settings } = workerData as StoreWorkerData;
/** Which of the engine's failures are the database's trouble (answered 503) rather than bugs (500). */
const isFault = role === 'postgres' ? isPostgresFault : isSqliteFault;

async function open(): Promise<Thread> {
  if (role === 'reader') return { calls: readerService(sqliteReader(settings), settings) };
  if (role === 'writer') {
    const ports = sqliteWriter(settings, tell);
    return { calls: writerService(ports, settings), health: ports.health };
  }
  const ports = await openPostgres(settings.databaseUrl ?? '', settings, tell);
  // One pool behind both: the writer's `close` ends it, once.
  return { calls: { ...readerService(ports, settings), ...writerService(ports, settings) }, health: ports.health };
}

let thread: Thread;
try {
  thread = await open();
} catch (error) {
  post({ type: 'failed', error: serialiseError(error) });
  // Ends this thread only; the main thread reports why.
  process.exit(1);
}
post({ type: 'ready' });

const { calls, health } = thread;
let reported = JSON.stringify(health?.health);
/** Tells the main thread when health changed (a check, or a write that failed). */
const reportHealth = () => {
  if (!health) return;
  const now = JSON.stringify(health.health);
  if (now !== reported) tell({ kind: 'health', health: health.health });
  reported = now;
};
let checking = false;
const healthTimer = health
  ? setInterval(() => {
      if (checking) return;
      checking = true;
      Promise.resolve(health.check())
        .catch(() => {})
        .finally(() => {
          checking = false;
          reportHealth();
        });
    }, HEALTH_CHECK_MS)
  : undefined;

port.on('message', ({ id, method, args }: CallMessage) => {
  answer(id, method, args)
    .then(
      (value) => post({ type: 'result', id, value }),
      (error: unknown) => post({ type: 'result', id, error: serialiseError(classified(error, isFault)) }),
    )
    .finally(() => {
      reportHealth();
      if (method === 'close') {
        clearInterval(healthTimer);
        port.close();
      }
    });
});

async function answer(id: number, method: string, args: readonly unknown[]): Promise<unknown> {
  // Only the use cases' own names: nothing inherited, nothing else a message could name.
  if (!Object.hasOwn(calls, method)) throw new Error(`no store call ${method} (call ${id})`);
  return (calls as unknown as Record<string, Call>)[method]!(...(args as never[]));
}
