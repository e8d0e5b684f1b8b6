// The store as the thread serving the walls sees it: every call asynchronous, every answer
// small or already encoded. Whatever scales with stored data or with a request's size — parsing
// a 10 MiB body, validating 10,000 events, a transaction, statistics over years, a console's
// list with its histories — happens behind this interface, never on that thread. SQLite runs
// it in worker threads (sqlite-store.ts); a PostgreSQL store would run it in the database.
import type { OpenEscalation, OpenEscalationRecord } from '../../shared/aggregate/records';
import type { MaskedEvent } from '../../shared/format/mask-event';
import type { LiveChange } from '../aggregate/live-change';
import type { StatsPeriod } from '../stats/compute-stats';
import type { CounterRow, VolumeRow } from './rollups';

/** What ingest receives: a request body as sent, or events made in-process (the simulator). */
export type IngestInput =
  | { readonly kind: 'body'; readonly bytes: Uint8Array; readonly contentType: string | undefined }
  | { readonly kind: 'events'; readonly events: readonly unknown[] };

export interface IngestCounts {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
}

export type IngestAnswer =
  | { readonly ok: true; readonly counts: IngestCounts; readonly summaryJson: string; readonly change: LiveChange }
  | { readonly ok: false; readonly status: 400 | 413 | 415; readonly error: string };

/** POST …/steps: the status and the JSON body to answer with (contract.md, "Operator actions"). */
export interface StepAnswer {
  readonly status: 201 | 400 | 403 | 404 | 409;
  readonly bodyJson: string;
  readonly change?: LiveChange;
}

/** Whether a write would be kept; `problem` says why not, for /healthz, the log and the wall. */
export interface StoreHealth {
  readonly ok: boolean;
  readonly problem?: string;
}

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
  ingest(input: IngestInput, nowMs: number): IngestAnswer;
  /** `within`: the counties the operator's scope covers, or null for the whole region. */
  recordStep(warningId: string, body: unknown, nowMs: number, within: readonly string[] | null): StepAnswer;
  liveBasis(day: string): LiveBasis;
  checkHealth(): StoreHealth;
  openEscalationRecords(): OpenEscalationRecord[];
  /** Whether anything was ever stored (the demo fills an empty store). */
  hasEvents(): boolean;
  metaGet(key: string): string | undefined;
  metaSet(key: string, value: string): void;
  databaseBytes(): number;
  close(): void;
}

/** Reads that may lag the newest write by a moment: answered as encoded JSON. */
export interface ReaderApi {
  statsJson(period: StatsPeriod): string;
  /** `within`: the counties of the asker's scope, or null for the whole region. */
  operatorEscalationsJson(limit: number, within: readonly string[] | null): string;
  stations(county: string, limit: number): string[];
  rejectedJson(limit: number, within: readonly string[] | null): string;
  close(): void;
}

type Async<Api> = { [K in keyof Api]: Api[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never };

export interface Store extends Async<Omit<WriterApi, 'close'>>, Async<Omit<ReaderApi, 'close'>> {
  /** The latest health seen, without waiting: what heartbeats carry. */
  readonly health: StoreHealth;
  close(): Promise<void>;
}
