// A store thread: opens its engine — SQLite's writer or reader, or PostgreSQL — and answers calls
// (in order, for SQLite's synchronous engines). It checks the engine's health every few seconds
// and tells the main thread of each change, and passes on what the engine tells unasked.
import { parentPort, workerData } from 'node:worker_threads';
import { classified } from './errors';
import { PostgresEngine } from './postgres/engine';
import { isPostgresFault } from './postgres/faults';
import { isSqliteFault } from './sqlite/faults';
import type { StoreHealth, StoreNews } from './store';
import type { StoreSettings } from './store-settings';
import { StoreReader } from './sqlite/reader';
import { StoreWriter } from './sqlite/writer';
import { serialiseError, type CallMessage, type WorkerMessage } from './worker-rpc';

export const HEALTH_CHECK_MS = 2_000;

export interface StoreWorkerData {
  /** SQLite's writer or reader, or one PostgreSQL engine that writes and reads. */
  readonly role: 'writer' | 'reader' | 'postgres';
  readonly settings: StoreSettings;
}

/** What this thread needs of an engine beyond its methods. */
interface Engine {
  readonly health?: StoreHealth;
  checkHealth?(): StoreHealth | Promise<StoreHealth>;
}

const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);
const tell = (news: StoreNews) => post({ type: 'push', value: news });
const { role, settings } = workerData as StoreWorkerData;
/** Which of the engine's failures are the database's trouble (answered 503) rather than bugs (500). */
const isFault = role === 'postgres' ? isPostgresFault : isSqliteFault;

let engine: (StoreWriter | StoreReader | PostgresEngine) & Engine;
try {
  if (role === 'postgres') engine = await PostgresEngine.open(settings.databaseUrl ?? '', settings, tell);
  else engine = role === 'writer' ? new StoreWriter(settings, tell) : new StoreReader(settings);
} catch (error) {
  post({ type: 'failed', error: serialiseError(error) });
  // Ends this thread only; the main thread reports why.
  process.exit(1);
}
post({ type: 'ready' });

let reported = JSON.stringify(engine.health);
/** Tells the main thread when health changed (a check, or a write that failed). */
const reportHealth = () => {
  const now = JSON.stringify(engine.health);
  if (now !== reported && engine.health) tell({ kind: 'health', health: engine.health });
  reported = now;
};
let checking = false;
const healthTimer = engine.checkHealth
  ? setInterval(() => {
      if (checking) return;
      checking = true;
      Promise.resolve(engine.checkHealth?.())
        .catch(() => {})
        .finally(() => {
          checking = false;
          reportHealth();
        });
    }, HEALTH_CHECK_MS)
  : undefined;

/** The engine's own methods (not its constructor or getters): the only names a call may use. */
const prototype = Object.getPrototypeOf(engine) as object;
const methods = new Set(
  Object.getOwnPropertyNames(prototype).filter((name) => name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(prototype, name)?.value === 'function'),
);

port.on('message', ({ id, method, args }: CallMessage) => {
  // An engine method may answer at once or with a promise; SQLite's answer at once, so their
  // answers leave in the order the calls came.
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
  if (!methods.has(method)) throw new Error(`no store method ${method} (call ${id})`);
  return (engine as unknown as Record<string, (...a: readonly unknown[]) => unknown>)[method]!(...args);
}
