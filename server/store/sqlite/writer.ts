// The store's writing thread: parse → validate → commit, operator steps, and the reads that
// must follow every write before them (the live wall's basis). Synchronous, one request at a
// time, on its own SQLite connection; store-threads.ts runs it in a worker thread.
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { OpenEscalationRecord } from '../../../shared/aggregate/records';
import { maskEvent } from '../../../shared/format/mask-event';
import { addDays, ZonedCalendar } from '../../../shared/time/zoned-calendar';
import { collectLiveChange } from '../../aggregate/live-change';
import { planStep } from '../../operator/step-request';
import type { SortedBatch } from '../../ingest/incoming-batch';
import { IncomingBatches, ingestAnswer, stepAnswer } from '../../ingest/incoming-batch';
import { SignInDesk, type AccountIdentity, type SessionView, type SignInAnswer } from '../../accounts/sign-in';
import { AccountDesk, type DeviceEntry } from '../../accounts/account-desk';
import type { AccountView } from '../../accounts/account';
import type { AccountAnswer, AccountCommand } from '../../accounts/account-command';
import type { AuditEntry } from '../../audit/audit-chain';
import { AuthFailures } from './auth-failures';
import { SqliteAudit } from './audit';
import { SqlitePiiEraser } from './pii-eraser';
import { SqliteAccounts } from './accounts';
import { SqliteSessions } from './sessions';
import { EventStore } from './event-store';
import { isSqliteFault } from './faults';
import { HealthMonitor } from './health';
import { DATABASE_FILE, openDatabase } from './open-database';
import { RECENT_BASIS, type Tell, type IngestAnswer, type IngestInput, type LiveBasis, type StepAnswer, type StoreHealth, type WriterApi } from '../store';
import type { StoreSettings } from '../store-settings';
import { countedEvent } from '../../../shared/region/legacy-codes';


export class StoreWriter implements WriterApi {
  readonly #db: Database;
  readonly #store: EventStore;
  readonly #calendar: ZonedCalendar;
  readonly #incoming: IncomingBatches;
  readonly #health: HealthMonitor;
  readonly #countAuthFailure: (address: string, nowMs: number) => number;
  readonly #desk: SignInDesk;
  readonly #accounts: AccountDesk;
  readonly #audit: SqliteAudit;
  readonly #eraser: SqlitePiiEraser;

  /** `tell`: how each committed change reaches the thread serving the walls. */
  constructor(
    settings: StoreSettings,
    private readonly tell: Tell,
  ) {
    this.#db = openDatabase(settings.dataDir);
    this.#calendar = new ZonedCalendar(settings.timeZone);
    this.#store = new EventStore(this.#db, this.#calendar);
    this.#incoming = new IncomingBatches(settings);
    this.#audit = new SqliteAudit(this.#db);
    this.#eraser = new SqlitePiiEraser(this.#db, this.#store.meta);
    const [accounts, sessions] = [new SqliteAccounts(this.#db), new SqliteSessions(this.#db)];
    this.#desk = new SignInDesk(accounts, sessions, settings.sessionIdleMs);
    this.#accounts = new AccountDesk(accounts, sessions);
    const authFailures = new AuthFailures(this.#db);
    this.#countAuthFailure = this.#db.transaction((address: string, nowMs: number) => authFailures.count(address, nowMs));
    this.#health = new HealthMonitor(this.#db, path.join(settings.dataDir, DATABASE_FILE));
  }

  ingest(input: IngestInput, nowMs: number): IngestAnswer {
    const batch = this.#incoming.read(input, nowMs);
    if (!batch.ok) return batch;
    return ingestAnswer(this.#commit(batch, nowMs));
  }

  recordStep(warningId: string, body: unknown, nowMs: number, within: readonly string[] | null): StepAnswer {
    const plan = planStep(warningId, body, (id) => this.#store.tables.contextFor(id).escalation, nowMs, this.#calendar, within);
    if (!plan.ok) return { status: plan.status, bodyJson: JSON.stringify({ error: plan.error }) };
    return stepAnswer(this.#commit(this.#incoming.sort([plan.event], nowMs), nowMs), plan.event);
  }

  liveBasis(day: string): LiveBasis {
    const { rollups, tables, log } = this.#store;
    const yesterday = addDays(day, -1);
    return {
      day,
      today: rollups.countersOfDay(day),
      yesterday: rollups.countersOfDay(yesterday),
      year: rollups.yearToDay(day),
      volumeToday: rollups.volumeOfDay(day),
      volumeYesterday: rollups.volumeOfDay(yesterday),
      open: tables.openEscalations(),
      // Under today's county, as the live stream carried them; enough for a ticker on every
      // county of a city, and on the busiest of the province (the rest fill in as events come).
      recent: log.newest(RECENT_BASIS).map((event) => maskEvent(countedEvent(event))),
    };
  }

  checkHealth(): StoreHealth {
    return this.#health.check();
  }

  get health(): StoreHealth {
    return this.#health.health;
  }

  openEscalationRecords(): OpenEscalationRecord[] {
    return this.#store.tables.openEscalations().map(({ escalation }) => escalation);
  }

  hasEvents(): boolean {
    return !this.#store.log.isEmpty();
  }

  countAuthFailure(address: string, nowMs: number): number {
    this.#health.assertWritable();
    return this.#countAuthFailure(address, nowMs);
  }

  signIn(username: string, password: string, nowMs: number): Promise<SignInAnswer> {
    this.#health.assertWritable();
    return this.#desk.signIn(username, password, nowMs);
  }

  signInVouched(identity: AccountIdentity, nowMs: number): Promise<SignInAnswer> {
    this.#health.assertWritable();
    return this.#desk.signInVouched(identity, nowMs);
  }

  sessionOf(sessionId: string, nowMs: number, use = true): Promise<SessionView | undefined> {
    return this.#desk.session(sessionId, nowMs, use);
  }

  signOut(sessionId: string): Promise<void> {
    return this.#desk.signOut(sessionId);
  }

  administerAccount(command: AccountCommand, nowMs: number): Promise<AccountAnswer> {
    this.#health.assertWritable();
    return this.#accounts.apply(command, nowMs);
  }

  accountList(): Promise<AccountView[]> {
    return this.#accounts.list();
  }

  devices(): Promise<DeviceEntry[]> {
    return this.#accounts.devices();
  }

  audit(entry: AuditEntry): void {
    this.#health.assertWritable();
    this.#audit.append(entry);
  }

  pruneAudit(cutoffMs: number, nowMs: number, limit: number): number {
    this.#health.assertWritable();
    return this.#audit.prune(cutoffMs, nowMs, limit);
  }

  erasePii(cutoffMs: number, limit: number): number {
    this.#health.assertWritable();
    return this.#eraser.chunk(cutoffMs, limit);
  }

  compactErased(): void {
    this.#eraser.compact();
  }

  metaGet(key: string): string | undefined {
    return this.#store.meta.get(key);
  }

  metaSet(key: string, value: string): void {
    this.#health.assertWritable();
    this.#store.meta.set(key, value);
  }

  databaseBytes(): number {
    const pages = this.#db.pragma('page_count', { simple: true }) as number;
    const size = this.#db.pragma('page_size', { simple: true }) as number;
    return pages * size;
  }

  close(): void {
    this.#db.close();
  }

  #commit({ valid, invalid }: SortedBatch, nowMs: number) {
    this.#health.assertWritable();
    let plan;
    try {
      plan = this.#store.commit(valid, invalid, nowMs);
    } catch (error) {
      // The disk's or the database's trouble makes health bad until a check proves otherwise; a bug does not.
      if (isSqliteFault(error)) this.#health.writeFailed(error);
      throw error;
    }
    // Told before the answer leaves: the wall learns of an event once it is committed, and the
    // sender's next snapshot already counts it.
    if (plan.applied.length > 0) this.tell({ kind: 'change', change: collectLiveChange(plan.applied, plan.rollups) });
    return plan;
  }
}
