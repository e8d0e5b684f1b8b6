// Calls into a store thread and back: one message per call, answered in order; an error keeps
// its `code` (errors.ts) so the HTTP layer can tell a transient fault (503) from a bug (500).
import { Worker } from 'node:worker_threads';
import { STORE_BUSY, STORE_UNAVAILABLE } from './errors';

export interface CallMessage {
  readonly id: number;
  readonly method: string;
  readonly args: readonly unknown[];
}

export interface SerialisedError {
  readonly message: string;
  readonly name: string;
  readonly code?: string;
}

export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly error: SerialisedError }
  | { readonly type: 'result'; readonly id: number; readonly value?: unknown; readonly error?: SerialisedError }
  | { readonly type: 'push'; readonly value: unknown };

export function serialiseError(error: unknown): SerialisedError {
  if (!(error instanceof Error)) return { message: String(error), name: 'Error' };
  const code = (error as { code?: unknown }).code;
  return { message: error.message, name: error.name, ...(typeof code === 'string' ? { code } : {}) };
}

function revive({ message, name, code }: SerialisedError): Error {
  const error = new Error(message) as Error & { code?: string };
  error.name = name;
  if (code !== undefined) error.code = code;
  return error;
}

/** Starts a worker from this repository's TypeScript (through tsx) or from built JavaScript. */
function startWorker(url: URL, workerData: unknown): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData });
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

type Method<Api> = { [K in keyof Api]: Api[K] extends (...args: never[]) => unknown ? K : never }[keyof Api] & string;
type Args<F> = F extends (...args: infer A) => unknown ? A : never;
type Result<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;

export class WorkerRpc<Api> {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  #nextId = 1;
  #stopped: Error | undefined;
  #closing = false;

  private constructor(
    worker: Worker,
    private readonly maxWaiting: number,
    onPush: (value: unknown) => void,
    onStopped: (error: Error) => void,
  ) {
    this.#worker = worker;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'push') onPush(message.value);
      if (message.type !== 'result') return;
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.error) pending?.reject(revive(message.error));
      else pending?.resolve(message.value);
    });
    const stop = (reason: string) => {
      if (this.#stopped) return;
      this.#stopped = revive({ message: `the store thread stopped: ${reason}`, name: 'Error', code: STORE_UNAVAILABLE });
      for (const { reject } of this.#pending.values()) reject(this.#stopped);
      this.#pending.clear();
      if (!this.#closing) onStopped(this.#stopped);
    };
    worker.on('error', (error) => stop(error.message));
    worker.on('exit', (code) => stop(`exit code ${code}`));
  }

  /** Resolves once the worker has opened its connection; rejects with its reason if it could not. */
  static start<Api>(
    url: URL,
    workerData: unknown,
    handlers: { onPush?: (value: unknown) => void; onStopped: (error: Error) => void; maxWaiting: number },
  ): Promise<WorkerRpc<Api>> {
    const worker = startWorker(url, workerData);
    return new Promise((resolve, reject) => {
      const early = (error: Error) => reject(error);
      worker.once('error', early);
      worker.once('message', (message: WorkerMessage) => {
        worker.off('error', early);
        if (message.type === 'failed') {
          void worker.terminate();
          reject(revive(message.error));
          return;
        }
        resolve(new WorkerRpc<Api>(worker, handlers.maxWaiting, handlers.onPush ?? (() => {}), handlers.onStopped));
      });
    });
  }

  call<M extends Method<Api>>(method: M, ...args: Args<Api[M]>): Promise<Result<Api[M]>> {
    // A flood of requests queues here, in memory, behind one thread: past the bound it is refused instead (StoreBusy).
    if (!this.#stopped && this.#pending.size >= this.maxWaiting) {
      return Promise.reject(revive({ message: 'the store is busy; retry in a moment', name: 'Error', code: STORE_BUSY }));
    }
    return this.#send(method, args) as Promise<Result<Api[M]>>;
  }

  /** Lets the calls in flight finish, has the worker close its connection, and ends the thread. */
  async close(): Promise<void> {
    if (this.#stopped) return;
    this.#closing = true;
    await this.#send('close', []).catch(() => {});
    await this.#worker.terminate();
  }

  #send(method: string, args: readonly unknown[]): Promise<unknown> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, method, args } satisfies CallMessage);
    });
  }
}
