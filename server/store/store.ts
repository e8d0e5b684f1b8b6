// The store as the thread serving the walls sees it: every call asynchronous, every answer
// small or already encoded. Whatever scales with stored data or with a request's size — parsing
// a 10 MiB body, validating 10,000 events, a transaction, statistics over years, a console's
// list with its histories — happens behind this interface, never on that thread. SQLite runs
// it in worker threads (store-threads.ts); PostgreSQL in a worker thread and in the database.
import type { OpenEscalation, OpenEscalationRecord } from '../../shared/aggregate/records';
import type { MaskedEvent } from '../../shared/format/mask-event';
import type { AccountView } from '../accounts/account';
import type { AccountAnswer, AccountCommand } from '../accounts/account-command';
import type { DeviceEntry } from '../accounts/account-desk';
import type { AccountIdentity, SessionView, SignInAnswer } from '../accounts/sign-in';
import type { AuditEntry, AuditQuery } from '../audit/audit-chain';
import type { LiveChange } from '../aggregate/live-change';
import type { StatsPeriod } from '../stats/compute-stats';
import type { CounterRow, VolumeRow } from '../aggregate/rollup-batch';

/** What ingest receives: a request body as sent, or events made in-process (the simulator). */
export type IngestInput = (
  | { readonly kind: 'body'; readonly bytes: Uint8Array; readonly contentType: string | undefined }
  | { readonly kind: 'events'; readonly events: readonly unknown[] }
) & {
  /** The counties the sender may post events of (an upstream key's scope); none: every county. */
  readonly within?: readonly string[];
};

export interface IngestCounts {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
}

export type IngestAnswer =
  | { readonly ok: true; readonly counts: IngestCounts; readonly summaryJson: string }
  | { readonly ok: false; readonly status: 400 | 413 | 415; readonly error: string };

/** POST …/steps: the status and the JSON body to answer with (contract.md, "Operator actions"). */
export interface StepAnswer {
  readonly status: 201 | 400 | 403 | 404 | 409;
  readonly bodyJson: string;
}

/** Whether a write would be kept; `problem` says why not, for /healthz, the log and the wall. */
export interface StoreHealth {
  readonly ok: boolean;
  readonly problem?: string;
}

/** What a store's thread tells the thread serving the walls without being asked. */
export type StoreNews =
  | { readonly kind: 'health'; readonly health: StoreHealth }
  /** A committed batch's change to the walls, in commit order. */
  | { readonly kind: 'change'; readonly change: LiveChange }
  /** Changes may have been missed (the shared database's feed was out of reach): start again from a basis. */
  | { readonly kind: 'resync' };

export type Tell = (news: StoreNews) => void;

/** How the live state follows the store. */
export interface StoreFollower {
  change(change: LiveChange): void;
  resync(): void;
}

/** How many of the newest events a basis reads for the tickers' start lists. */
export const RECENT_BASIS = 1_000;

/** Everything the live wall state is rebuilt from, for one local day. */
export interface LiveBasis {
  readonly day: string;
  readonly today: readonly CounterRow[];
  readonly yesterday: readonly CounterRow[];
  /** Sums per county and metric, 1 January to `day`. */
  readonly year: readonly CounterRow[];
  readonly volumeToday: readonly VolumeRow[];
  readonly volumeYesterday: readonly VolumeRow[];
  readonly open: readonly OpenEscalation[];
  readonly recent: readonly MaskedEvent[];
}

/** Writes, and the reads that must see every write before them in order. */
export interface WriterApi {
  ingest(input: IngestInput, nowMs: number): Awaitable<IngestAnswer>;
  /** `within`: the counties the operator's scope covers, or null for the whole region. */
  recordStep(warningId: string, body: unknown, nowMs: number, within: readonly string[] | null): Awaitable<StepAnswer>;
  liveBasis(day: string): Awaitable<LiveBasis>;
  checkHealth(): Awaitable<StoreHealth>;
  openEscalationRecords(): Awaitable<OpenEscalationRecord[]>;
  /** Whether anything was ever stored (the demo fills an empty store). */
  hasEvents(): Awaitable<boolean>;
  /** Counts a failed authentication from `address`: its failures in the current minute, this one included (failed-auth-limiter.ts). */
  countAuthFailure(address: string, nowMs: number): Awaitable<number>;
  /** Checks a password and opens a session (sign-in.ts has the rules). */
  signIn(username: string, password: string, nowMs: number): Awaitable<SignInAnswer>;
  /** Opens a session for a person the identity provider vouched for (sign-in.ts). */
  signInVouched(identity: AccountIdentity, nowMs: number): Awaitable<SignInAnswer>;
  /** The live session a browser's session id names, if any. */
  /** `use`: false to check a session without keeping it from going idle (sign-in.ts). */
  sessionOf(sessionId: string, nowMs: number, use?: boolean): Awaitable<SessionView | undefined>;
  signOut(sessionId: string): Awaitable<void>;
  /** An admin's change to an account (account-desk.ts). */
  administerAccount(command: AccountCommand, nowMs: number): Awaitable<AccountAnswer>;
  /** Every account, by username, without hashes (a few hundred at most). */
  accountList(): Awaitable<AccountView[]>;
  /** Every enabled device and its token's hash, for each node's directory (device-directory.ts). */
  devices(): Awaitable<DeviceEntry[]>;
  /** Appends a record to the audit trail; resolves once it is stored. */
  audit(entry: AuditEntry): Awaitable<void>;
  /** Removes up to `limit` of the trail's oldest records from before `cutoffMs` (audit-chain.ts); how many went. */
  pruneAudit(cutoffMs: number, nowMs: number, limit: number): Awaitable<number>;
  /** Erases victims' phones and names from up to `limit` events and dead letters received before `cutoffMs`; how many it passed over (pii-rows.ts). */
  erasePii(cutoffMs: number, limit: number): Awaitable<number>;
  /** After erasing: leaves no old copy where the engine can reach it (SQLite's log; PostgreSQL's dead rows). */
  compactErased(): Awaitable<void>;
  metaGet(key: string): Awaitable<string | undefined>;
  metaSet(key: string, value: string): Awaitable<void>;
  databaseBytes(): Awaitable<number>;
  close(): Awaitable<void>;
}

/** Reads that may lag the newest write by a moment: answered as encoded JSON. */
export interface ReaderApi {
  statsJson(period: StatsPeriod): Awaitable<string>;
  /** `within`: the counties of the asker's scope, or null for the whole region. */
  operatorEscalationsJson(limit: number, within: readonly string[] | null): Awaitable<string>;
  stations(county: string, limit: number): Awaitable<string[]>;
  rejectedJson(limit: number, within: readonly string[] | null): Awaitable<string>;
  /** The audit records a query asks for, newest first, encoded. */
  auditJson(query: AuditQuery): Awaitable<string>;
  close(): Awaitable<void>;
}

/** An engine answers at once (SQLite, on its own thread) or later (PostgreSQL). */
export type Awaitable<T> = T | Promise<T>;

type Async<Api> = { [K in keyof Api]: Api[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never };

export interface Store extends Async<Omit<WriterApi, 'close'>>, Async<Omit<ReaderApi, 'close'>> {
  /** The latest health seen, without waiting: what heartbeats carry. */
  readonly health: StoreHealth;
  /**
   * Hands `follower` each committed batch's change, in commit order — this node's, and every
   * node's sharing the database — each before the ingest that made it is answered on this node.
   */
  follow(follower: StoreFollower): void;
  close(): Promise<void>;
}
