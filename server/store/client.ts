// The store as the thread serving the walls holds it: engines in worker threads, so that nothing
// the database does holds this thread. SQLite runs in two — a writer that owns every write, and
// a reader for long reads; PostgreSQL in one, whose calls run side by side in the database.
// Every call of the store's API (store.ts) is forwarded by name to the thread that answers it:
// the API types are the only list of operations.
import type { Logger } from 'pino';
import type { StoreFollower } from '../aggregate/live-basis';
import type { StoreHealth } from '../http/health-route';
import { READER_CALLS, type ReaderApi, type Store, type StoreNews, type WriterApi } from './store';
import type { StoreSettings } from './store-settings';
import type { StoreWorkerData } from './store-worker';
import { WorkerRpc } from './worker-rpc';

/**
 * Calls each thread may have waiting. The writer's are ingest batches of up to 10 MiB each, so
 * its bound also bounds the memory a flood of uploads can hold; the reader's keep a flood of
 * year-long statistics from delaying the console behind it for long.
 */
const WRITER_MAX_WAITING = 32;
const READER_MAX_WAITING = 64;

const WORKER = new URL(`./store-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

const READS: ReadonlySet<string> = new Set(READER_CALLS);

/** Opens (creating and migrating if needed) the database: settings.databaseUrl's, else SQLite's in settings.dataDir. */
export async function openStore(settings: StoreSettings, logger: Logger): Promise<Store> {
  let health: StoreHealth = { ok: true };
  let follower: StoreFollower | undefined;
  const onStopped = (error: Error) => {
    logger.fatal({ err: error }, 'a store thread stopped; nothing more can be stored');
    health = { ok: false, problem: error.message };
  };
  const onPush = (value: unknown) => {
    const news = value as StoreNews;
    switch (news.kind) {
      case 'health':
        if (news.health.ok !== health.ok) {
          if (news.health.ok) logger.info('the store takes writes again');
          else logger.error({ problem: news.health.problem }, 'the store cannot keep writes');
        }
        health = news.health;
        return;
      case 'change':
        follower?.change(news.change);
        return;
      case 'resync':
        logger.warn('the shared change feed may have been missed; the live state starts again from the database');
        follower?.resync();
    }
  };
  const data = (role: StoreWorkerData['role']): StoreWorkerData => ({ role, settings });

  let writer: WorkerRpc<WriterApi>;
  let reader: WorkerRpc<ReaderApi>;
  if (settings.databaseUrl !== undefined) {
    const engine = await WorkerRpc.start<WriterApi & ReaderApi>(WORKER, data('postgres'), { onStopped, onPush, maxWaiting: WRITER_MAX_WAITING + READER_MAX_WAITING });
    [writer, reader] = [engine, engine];
  } else {
    writer = await WorkerRpc.start<WriterApi>(WORKER, data('writer'), { onStopped, onPush, maxWaiting: WRITER_MAX_WAITING });
    reader = await WorkerRpc.start<ReaderApi>(WORKER, data('reader'), { onStopped, maxWaiting: READER_MAX_WAITING }).catch(async (error: unknown) => {
      await writer.close();
      throw error;
    });
  }

  const own = {
    get health() {
      return health;
    },
    follow(next: StoreFollower) {
      follower = next;
    },
    async checkHealth() {
      health = await writer.call('checkHealth');
      return health;
    },
    async close() {
      await reader.close();
      if (writer !== reader) await writer.close();
    },
  };
  return new Proxy(own, {
    get(target, name, receiver) {
      if (typeof name !== 'string' || Object.hasOwn(target, name)) return Reflect.get(target, name, receiver) as unknown;
      // Not a promise: `await` and an async function's return look for `then`.
      if (name === 'then') return undefined;
      const thread = (READS.has(name) ? reader : writer) as WorkerRpc<Record<string, (...args: unknown[]) => unknown>>;
      return (...args: unknown[]) => thread.call(name, ...args);
    },
  }) as unknown as Store;
}
