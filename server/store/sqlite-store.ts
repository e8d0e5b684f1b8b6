// The embedded store: SQLite in two worker threads — a writer that owns every write, and a
// reader for long reads — so that nothing the database does holds the thread serving the walls.
import type { Logger } from 'pino';
import type { StatsPeriod } from '../stats/compute-stats';
import type { IngestInput, ReaderApi, Store, StoreHealth, WriterApi } from './store';
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

export class SqliteStore implements Store {
  #health: StoreHealth = { ok: true };

  private constructor(
    private readonly writer: WorkerRpc<WriterApi>,
    private readonly reader: WorkerRpc<ReaderApi>,
  ) {}

  /** Opens (creating and migrating if needed) the database in settings.dataDir. */
  static async open(settings: StoreSettings, logger: Logger): Promise<SqliteStore> {
    let store: SqliteStore | undefined;
    const onStopped = (error: Error) => {
      logger.fatal({ err: error }, 'a store thread stopped; nothing more can be stored');
      if (store) store.#health = { ok: false, problem: error.message };
    };
    const data = (role: StoreWorkerData['role']): StoreWorkerData => ({ role, settings });
    const writer = await WorkerRpc.start<WriterApi>(WORKER, data('writer'), {
      onStopped,
      maxWaiting: WRITER_MAX_WAITING,
      onPush: (health) => {
        if (!store) return;
        const next = health as StoreHealth;
        if (next.ok !== store.#health.ok) {
          if (next.ok) logger.info('the store takes writes again');
          else logger.error({ problem: next.problem }, 'the store cannot keep writes');
        }
        store.#health = next;
      },
    });
    const reader = await WorkerRpc.start<ReaderApi>(WORKER, data('reader'), { onStopped, maxWaiting: READER_MAX_WAITING }).catch(async (error: unknown) => {
      await writer.close();
      throw error;
    });
    store = new SqliteStore(writer, reader);
    return store;
  }

  get health(): StoreHealth {
    return this.#health;
  }

  ingest(input: IngestInput, nowMs: number) {
    return this.writer.call('ingest', input, nowMs);
  }

  recordStep(warningId: string, body: unknown, nowMs: number, within: readonly string[] | null) {
    return this.writer.call('recordStep', warningId, body, nowMs, within);
  }

  liveBasis(day: string) {
    return this.writer.call('liveBasis', day);
  }

  async checkHealth() {
    this.#health = await this.writer.call('checkHealth');
    return this.#health;
  }

  openEscalationRecords() {
    return this.writer.call('openEscalationRecords');
  }

  hasEvents() {
    return this.writer.call('hasEvents');
  }

  metaGet(key: string) {
    return this.writer.call('metaGet', key);
  }

  metaSet(key: string, value: string) {
    return this.writer.call('metaSet', key, value);
  }

  databaseBytes() {
    return this.writer.call('databaseBytes');
  }

  statsJson(period: StatsPeriod) {
    return this.reader.call('statsJson', period);
  }

  operatorEscalationsJson(limit: number, within: readonly string[] | null) {
    return this.reader.call('operatorEscalationsJson', limit, within);
  }

  stations(county: string, limit: number) {
    return this.reader.call('stations', county, limit);
  }

  rejectedJson(limit: number, within: readonly string[] | null) {
    return this.reader.call('rejectedJson', limit, within);
  }

  async close(): Promise<void> {
    await this.reader.close();
    await this.writer.close();
  }
}
