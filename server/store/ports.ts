// What each engine provides, so that the use cases (services/) are written once: SQLite's
// repositories answer at once on their own thread, PostgreSQL's later. The only operation whose
// shape differs between them — a read, a decision and a write that no other write may split —
// is `underWriteLock`: a direct call on SQLite's single writer, an advisory-locked transaction
// on PostgreSQL that every node takes.
import type { EscalationRecord, OpenEscalationRecord } from '../../shared/aggregate/records';
import type { AccountTable } from '../accounts/account';
import type { SessionTable } from '../accounts/session-store';
import type { AddressFailures } from '../accounts/sign-in';
import type { SignInThrottleTable } from '../accounts/sign-in-throttle';
import type { SsoBindingTable } from '../accounts/sso-binding';
import type { LiveBasis } from '../aggregate/live-basis';
import type { AuditEntry, AuditQuery, AuditRecord, ChainHead } from '../audit/audit-chain';
import type { StoreHealth } from '../http/health-route';
import type { BatchPlan } from '../ingest/batch-plan';
import type { DeadLetter } from '../ingest/dead-letter';
import type { SortedBatch } from '../ingest/incoming-batch';
import type { OpenEscalationSource } from '../operator/operator-view';
import type { FaceToFaceSource } from '../stats/face-to-face-query';
import type { PlaybackSource } from '../playback/playback-source';
import type { RollupSumsSource } from '../stats/stats-query';
import type { SchemaVersions } from '../upgrade/schema-watch';
import type { WallControlTable } from '../walls/wall-control-api';
import type { AlertTables } from '../alerts/alerts-api';
import type { FeedTable } from '../feeds/feeds-api';
import type { SurgeTable } from '../surges/surges-api';

/** An engine answers at once (SQLite, on its own thread) or later (PostgreSQL). */
export type Awaitable<T> = T | Promise<T>;

/** What a write may do while it holds the write lock. */
export interface WriteTransaction {
  /** The warning's latest escalation as stored, if it ever had one. */
  escalationOf(warningId: string): Awaitable<EscalationRecord | undefined>;
  /** Plans and stores a sorted batch (batch-plan.ts), with its dead letters, atomically. */
  commit(batch: SortedBatch, receivedMs: number): Awaitable<BatchPlan>;
}

export interface HealthPort {
  /** The latest health seen, without checking. */
  readonly health: StoreHealth;
  /** Runs every check, a real write among them. */
  check(): Awaitable<StoreHealth>;
  /** Before a write: throws Unwritable (errors.ts) if a write would not be kept. */
  assertWritable(): Awaitable<void>;
  /** Before an audit record: throws Unwritable if it would take room kept for ingest. */
  assertAuditRoom(): Awaitable<void>;
}

export interface AuditTable {
  append(entry: AuditEntry): Awaitable<void>;
  /** The chain's newest record, if any. */
  head(): Awaitable<ChainHead | undefined>;
  /** The same record whole, to check the key against. */
  newestRecord(): Awaitable<AuditRecord | undefined>;
  /** Removes up to `limit` of the oldest records before `cutoffMs`, appending the prune's own record; how many went. */
  prune(cutoffMs: number, nowMs: number, limit: number): Awaitable<number>;
}

export interface AuditReads {
  newest(query: AuditQuery): Awaitable<AuditRecord[]>;
}

export interface PiiEraser {
  /** Erases victims from up to `limit` rows received before `cutoffMs`; how many it passed over. */
  chunk(cutoffMs: number, limit: number): Awaitable<number>;
  compact(): Awaitable<void>;
}

/** The writer's repositories. */
export interface WriterPorts {
  readonly health: HealthPort;
  /**
   * Runs `work` as one write no other write can split, and answers once this node's live state
   * holds what it committed. A database fault marks health bad; a bug does not.
   */
  underWriteLock<T>(work: (tx: WriteTransaction) => Awaitable<T>): Promise<T>;
  /** Read after every write before it, in one consistent view. */
  liveBasis(day: string): Awaitable<LiveBasis>;
  openEscalationRecords(): Awaitable<OpenEscalationRecord[]>;
  hasEvents(): Awaitable<boolean>;
  /** failed-auth-limiter.ts: the address's failures in the current minute, this one included. */
  countAuthFailure(address: string, nowMs: number): Awaitable<number>;
  /** The address's current window of failures as every node counted them, if it has one. */
  addressFailures(address: string): Awaitable<AddressFailures | undefined>;
  readonly signInFailures: SignInThrottleTable;
  readonly ssoBindings: SsoBindingTable;
  readonly accounts: AccountTable;
  readonly sessions: SessionTable;
  readonly audit: AuditTable;
  readonly eraser: PiiEraser;
  readonly wallControl: WallControlTable;
  readonly alerts: AlertTables;
  readonly feeds: FeedTable;
  readonly surges: SurgeTable;
  metaGet(key: string): Awaitable<string | undefined>;
  metaSet(key: string, value: string): Awaitable<void>;
  databaseBytes(): Awaitable<number>;
  /** The schema's version in the database now, and the newest this code knows. */
  schemaVersions(): Awaitable<SchemaVersions>;
  close(): Awaitable<void>;
}

/** The reader's repositories: reads that may lag the newest write by a moment. */
export interface ReaderPorts {
  readonly rollupSums: RollupSumsSource;
  readonly faceToFace: FaceToFaceSource;
  readonly playback: PlaybackSource;
  readonly openEscalations: OpenEscalationSource;
  stations(county: string, limit: number): Awaitable<string[]>;
  newestDeadLetters(limit: number, within: readonly string[] | null): Awaitable<DeadLetter[]>;
  readonly audit: AuditReads;
  close(): Awaitable<void>;
}
