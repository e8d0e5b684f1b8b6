// The store on a PostgreSQL database that several nodes share (FRAUDWALL_DATABASE_URL). Runs in
// a store thread of its own (store-worker.ts) like SQLite's, so that parsing and validating a
// large batch never holds the thread serving the walls; the database does the rest. Each node's
// live state follows the change feed (change-follower.ts), its own commits included.
import type pg from 'pg';
import type { OpenEscalationRecord } from '../../../shared/aggregate/records';
import { RegionScopes, regionPack } from '../../../shared/region';
import { ZonedCalendar } from '../../../shared/time/zoned-calendar';
import { operatorEscalations } from '../../operator/operator-view';
import { planStep } from '../../operator/step-request';
import { computeStats, type StatsDeps, type StatsPeriod } from '../../stats/compute-stats';
import { StatsQuery } from '../../stats/stats-query';
import { SignInDesk, type AccountIdentity, type SessionView, type SignInAnswer } from '../../accounts/sign-in';
import { AccountDesk, type DeviceEntry } from '../../accounts/account-desk';
import type { AccountView } from '../../accounts/account';
import type { AccountAnswer, AccountCommand } from '../../accounts/account-command';
import { authFailureStatements } from '../sqlite/auth-failures';
import { auditAnswer, type AuditEntry, type AuditQuery } from '../../audit/audit-chain';
import { PgAccounts } from './accounts';
import { PgAudit } from './audit';
import { PgPiiEraser } from './pii-eraser';
import { PgSessions } from './sessions';
import type { BatchPlan } from '../../ingest/batch-plan';
import { IncomingBatches, ingestAnswer, stepAnswer, type SortedBatch } from '../../ingest/incoming-batch';
import type { IngestAnswer, IngestInput, LiveBasis, ReaderApi, StepAnswer, StoreHealth, Tell, WriterApi } from '../store';
import type { StoreSettings } from '../store-settings';
import { ChangeFollower, CHANGE_RETENTION_MS } from './change-follower';
import { PgBatchTransaction } from './batch-transaction';
import { classified } from '../errors';
import { isPostgresFault } from './faults';
import { PgHealth } from './health';
import { migrate } from './migrations';
import { openPool } from './pool';
import { PgReads, readBasis } from './reads';

const AUTH_FAILURES = authFailureStatements((n) => `$${n}`);

/** Connections per node: writes queue on the cluster's write lock anyway; reads run beside them. */
const POOL_SIZE = 8;

export class PostgresEngine implements WriterApi, ReaderApi {
  readonly #pool: pg.Pool;
  readonly #calendar: ZonedCalendar;
  readonly #incoming: IncomingBatches;
  readonly #reads: PgReads;
  readonly #health: PgHealth;
  readonly #follower: ChangeFollower;
  readonly #stats: StatsDeps;
  readonly #desk: SignInDesk;
  readonly #accounts: AccountDesk;
  readonly #audit: PgAudit;
  readonly #eraser: PgPiiEraser;

  private constructor(pool: pg.Pool, url: string, settings: StoreSettings, tell: Tell) {
    this.#pool = pool;
    this.#calendar = new ZonedCalendar(settings.timeZone);
    this.#incoming = new IncomingBatches(settings);
    this.#reads = new PgReads(pool);
    this.#health = new PgHealth(pool);
    this.#follower = new ChangeFollower(pool, url, {
      change: (change) => tell({ kind: 'change', change }),
      resync: () => tell({ kind: 'resync' }),
    });
    this.#audit = new PgAudit(pool);
    this.#eraser = new PgPiiEraser(pool);
    const [accounts, sessions] = [new PgAccounts(pool), new PgSessions(pool)];
    this.#desk = new SignInDesk(accounts, sessions, settings.sessionIdleMs);
    this.#accounts = new AccountDesk(accounts, sessions);
    this.#stats = {
      query: new StatsQuery(this.#reads),
      scopes: new RegionScopes(regionPack(settings.region)),
      index: settings.index,
      redMinutes: settings.redMinutes,
    };
  }

  /** Connects and migrates (once, whichever node comes first); rejects if the database cannot be reached. */
  static async open(url: string, settings: StoreSettings, tell: Tell): Promise<PostgresEngine> {
    const pool = openPool(url, POOL_SIZE, () => {});
    try {
      await migrate(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresEngine(pool, url, settings, tell);
  }

  get health(): StoreHealth {
    return this.#health.health;
  }

  async ingest(input: IngestInput, nowMs: number): Promise<IngestAnswer> {
    const batch = this.#incoming.read(input, nowMs);
    if (!batch.ok) return batch;
    return ingestAnswer(await this.#commit(batch, nowMs));
  }

  async recordStep(warningId: string, body: unknown, nowMs: number, within: readonly string[] | null): Promise<StepAnswer> {
    // Read and written under the write lock: two operators on two nodes cannot both move the same step.
    return this.#write(async (tx) => {
      const escalation = await tx.escalationOf(warningId);
      const plan = planStep(warningId, body, () => escalation, nowMs, this.#calendar, within);
      if (!plan.ok) return { status: plan.status, bodyJson: JSON.stringify({ error: plan.error }) };
      return stepAnswer(await tx.commit(this.#incoming.sort([plan.event], nowMs), nowMs), plan.event);
    });
  }

  liveBasis(day: string): Promise<LiveBasis> {
    return this.#follower.basis((client) => readBasis(client, day));
  }

  async checkHealth(): Promise<StoreHealth> {
    const health = await this.#health.check();
    if (health.ok) {
      await this.#pool.query("DELETE FROM changes WHERE written_at < now() - $1 * interval '1 millisecond'", [CHANGE_RETENTION_MS]).catch(() => {});
    }
    return health;
  }

  openEscalationRecords(): Promise<OpenEscalationRecord[]> {
    return this.#reads.openEscalationRecords();
  }

  hasEvents(): Promise<boolean> {
    return this.#reads.hasEvents();
  }

  async countAuthFailure(address: string, nowMs: number): Promise<number> {
    await this.#health.assertWritable();
    await this.#pool.query(AUTH_FAILURES.prune, [address, nowMs]);
    const { rows } = await this.#pool.query<{ failures: number }>(AUTH_FAILURES.count, [address, nowMs]);
    return rows[0]!.failures;
  }

  async signIn(username: string, password: string, nowMs: number): Promise<SignInAnswer> {
    await this.#health.assertWritable();
    return this.#desk.signIn(username, password, nowMs);
  }

  async signInVouched(identity: AccountIdentity, nowMs: number): Promise<SignInAnswer> {
    await this.#health.assertWritable();
    return this.#desk.signInVouched(identity, nowMs);
  }

  sessionOf(sessionId: string, nowMs: number, use = true): Promise<SessionView | undefined> {
    return this.#desk.session(sessionId, nowMs, use);
  }

  signOut(sessionId: string): Promise<void> {
    return this.#desk.signOut(sessionId);
  }

  async administerAccount(command: AccountCommand, nowMs: number): Promise<AccountAnswer> {
    await this.#health.assertWritable();
    return this.#accounts.apply(command, nowMs);
  }

  accountList(): Promise<AccountView[]> {
    return this.#accounts.list();
  }

  devices(): Promise<DeviceEntry[]> {
    return this.#accounts.devices();
  }

  async audit(entry: AuditEntry): Promise<void> {
    await this.#health.assertWritable();
    return this.#audit.append(entry);
  }

  async pruneAudit(cutoffMs: number, nowMs: number, limit: number): Promise<number> {
    await this.#health.assertWritable();
    return this.#audit.prune(cutoffMs, nowMs, limit);
  }

  async erasePii(cutoffMs: number, limit: number): Promise<number> {
    await this.#health.assertWritable();
    return this.#eraser.chunk(cutoffMs, limit);
  }

  compactErased(): Promise<void> {
    return this.#eraser.compact();
  }

  metaGet(key: string): Promise<string | undefined> {
    return this.#reads.metaGet(key);
  }

  async metaSet(key: string, value: string): Promise<void> {
    await this.#health.assertWritable();
    return this.#reads.metaSet(key, value);
  }

  databaseBytes(): Promise<number> {
    return this.#reads.databaseBytes();
  }

  async statsJson(period: StatsPeriod): Promise<string> {
    return JSON.stringify(await computeStats(period, this.#stats));
  }

  async operatorEscalationsJson(limit: number, within: readonly string[] | null): Promise<string> {
    return JSON.stringify(await operatorEscalations(this.#reads, this.#calendar, limit, within));
  }

  stations(county: string, limit: number): Promise<string[]> {
    return this.#reads.stations(county, limit);
  }

  async rejectedJson(limit: number, within: readonly string[] | null): Promise<string> {
    const letters = await this.#reads.newestDeadLetters(limit, within);
    return JSON.stringify(letters.map((letter) => ({ ...letter, receivedAt: this.#calendar.isoWithOffset(letter.receivedAt) })));
  }

  async auditJson(query: AuditQuery): Promise<string> {
    return JSON.stringify(auditAnswer(await this.#audit.newest(query), this.#calendar));
  }

  async close(): Promise<void> {
    await this.#follower.close();
    await this.#pool.end();
  }

  #commit(batch: SortedBatch, nowMs: number): Promise<BatchPlan> {
    return this.#write((tx) => tx.commit(batch, nowMs));
  }

  /** A write transaction; answered once this node's live state holds what it committed. */
  async #write<T>(work: (tx: PgBatchTransaction) => Promise<T>): Promise<T> {
    await this.#health.assertWritable();
    let done;
    try {
      done = await PgBatchTransaction.run(this.#pool, this.#calendar, work);
    } catch (error) {
      const failure = classified(error, isPostgresFault);
      if (failure !== error) this.#health.writeFailed(error);
      throw failure;
    }
    if (done.xid !== undefined) await this.#follower.caughtUp(done.xid);
    return done.result;
  }
}
