// The store as the thread serving the walls holds it: engines in worker threads, so that nothing
// the database does holds this thread. SQLite runs in two — a writer that owns every write, and
// a reader for long reads; PostgreSQL in one, whose calls run side by side in the database.
import type { Logger } from 'pino';
import type { AccountCommand } from '../accounts/account-command';
import type { AccountIdentity } from '../accounts/sign-in';
import type { AuditEntry, AuditQuery } from '../audit/audit-chain';
import type { StatsPeriod } from '../stats/compute-stats';
import type { IngestInput, ReaderApi, Store, StoreFollower, StoreHealth, StoreNews, WriterApi } from './store';
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

export class StoreThreads implements Store {
  #health: StoreHealth = { ok: true };
  #follower: StoreFollower | undefined;

  private constructor(
    private readonly writer: WorkerRpc<WriterApi>,
    private readonly reader: WorkerRpc<ReaderApi>,
  ) {}

  /** Opens (creating and migrating if needed) the database: settings.databaseUrl's, else SQLite's in settings.dataDir. */
  static async open(settings: StoreSettings, logger: Logger): Promise<StoreThreads> {
    let store: StoreThreads | undefined;
    const onStopped = (error: Error) => {
      logger.fatal({ err: error }, 'a store thread stopped; nothing more can be stored');
      if (store) store.#health = { ok: false, problem: error.message };
    };
    const onPush = (value: unknown) => {
      if (store) store.#hear(value as StoreNews, logger);
    };
    const data = (role: StoreWorkerData['role']): StoreWorkerData => ({ role, settings });
    if (settings.databaseUrl !== undefined) {
      const engine = await WorkerRpc.start<WriterApi & ReaderApi>(WORKER, data('postgres'), {
        onStopped,
        onPush,
        maxWaiting: WRITER_MAX_WAITING + READER_MAX_WAITING,
      });
      store = new StoreThreads(engine, engine);
      return store;
    }
    const writer = await WorkerRpc.start<WriterApi>(WORKER, data('writer'), { onStopped, onPush, maxWaiting: WRITER_MAX_WAITING });
    const reader = await WorkerRpc.start<ReaderApi>(WORKER, data('reader'), { onStopped, maxWaiting: READER_MAX_WAITING }).catch(async (error: unknown) => {
      await writer.close();
      throw error;
    });
    store = new StoreThreads(writer, reader);
    return store;
  }

  get health(): StoreHealth {
    return this.#health;
  }

  follow(follower: StoreFollower): void {
    this.#follower = follower;
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

  countAuthFailure(address: string, nowMs: number) {
    return this.writer.call('countAuthFailure', address, nowMs);
  }

  signIn(username: string, password: string, nowMs: number) {
    return this.writer.call('signIn', username, password, nowMs);
  }

  signInVouched(identity: AccountIdentity, nowMs: number) {
    return this.writer.call('signInVouched', identity, nowMs);
  }

  sessionOf(sessionId: string, nowMs: number, use = true) {
    return this.writer.call('sessionOf', sessionId, nowMs, use);
  }

  signOut(sessionId: string) {
    return this.writer.call('signOut', sessionId);
  }

  administerAccount(command: AccountCommand, nowMs: number) {
    return this.writer.call('administerAccount', command, nowMs);
  }

  accountList() {
    return this.writer.call('accountList');
  }

  devices() {
    return this.writer.call('devices');
  }

  audit(entry: AuditEntry) {
    return this.writer.call('audit', entry);
  }

  pruneAudit(cutoffMs: number, nowMs: number, limit: number) {
    return this.writer.call('pruneAudit', cutoffMs, nowMs, limit);
  }

  erasePii(cutoffMs: number, limit: number) {
    return this.writer.call('erasePii', cutoffMs, limit);
  }

  compactErased() {
    return this.writer.call('compactErased');
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

  auditJson(query: AuditQuery) {
    return this.reader.call('auditJson', query);
  }

  async close(): Promise<void> {
    await this.reader.close();
    if (this.writer !== this.reader) await this.writer.close();
  }

  #hear(news: StoreNews, logger: Logger): void {
    switch (news.kind) {
      case 'health':
        if (news.health.ok !== this.#health.ok) {
          if (news.health.ok) logger.info('the store takes writes again');
          else logger.error({ problem: news.health.problem }, 'the store cannot keep writes');
        }
        this.#health = news.health;
        return;
      case 'change':
        this.#follower?.change(news.change);
        return;
      case 'resync':
        logger.warn('the shared change feed may have been missed; the live state starts again from the database');
        this.#follower?.resync();
    }
  }
}
