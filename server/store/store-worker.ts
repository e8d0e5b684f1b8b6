// A store thread: opens its own connection (the writer or a reader) and answers calls in order.
// The writer also checks the store's health every few seconds and reports each change.
import { parentPort, workerData } from 'node:worker_threads';
import type { StoreSettings } from './store-settings';
import { StoreReader } from './store-reader';
import { StoreWriter } from './store-writer';
import { serialiseError, type CallMessage, type WorkerMessage } from './worker-rpc';

export const HEALTH_CHECK_MS = 2_000;

export interface StoreWorkerData {
  readonly role: 'writer' | 'reader';
  readonly settings: StoreSettings;
}

const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);
const { role, settings } = workerData as StoreWorkerData;

let engine: StoreWriter | StoreReader;
try {
  engine = role === 'writer' ? new StoreWriter(settings) : new StoreReader(settings);
} catch (error) {
  post({ type: 'failed', error: serialiseError(error) });
  // Ends this thread only; the main thread reports why.
  process.exit(1);
}
post({ type: 'ready' });

const writer = engine instanceof StoreWriter ? engine : undefined;
let reported = JSON.stringify(writer?.health);
/** Tells the main thread when health changed (a check, or a write that failed). */
const reportHealth = () => {
  const now = JSON.stringify(writer?.health);
  if (now !== reported) post({ type: 'push', value: writer?.health });
  reported = now;
};
const healthTimer = writer
  ? setInterval(() => {
      writer.checkHealth();
      reportHealth();
    }, HEALTH_CHECK_MS)
  : undefined;

/** The engine's own methods (not its constructor or getters): the only names a call may use. */
const prototype = Object.getPrototypeOf(engine) as object;
const methods = new Set(
  Object.getOwnPropertyNames(prototype).filter((name) => name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(prototype, name)?.value === 'function'),
);

port.on('message', ({ id, method, args }: CallMessage) => {
  try {
    if (!methods.has(method)) throw new Error(`no store method ${method}`);
    const value: unknown = (engine as unknown as Record<string, (...a: readonly unknown[]) => unknown>)[method]!(...args);
    post({ type: 'result', id, value });
  } catch (error) {
    post({ type: 'result', id, error: serialiseError(error) });
  }
  if (writer) reportHealth();
  if (method === 'close') {
    clearInterval(healthTimer);
    port.close();
  }
});
