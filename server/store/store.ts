// The store as the thread serving the walls sees it: every call asynchronous, every answer
// small or already encoded. Whatever scales with stored data or with a request's size — parsing
// a 10 MiB body, validating 10,000 events, a transaction, statistics over years, a console's
// list with its histories — happens behind this interface, never on that thread.
//
// Each concern declares the narrow API it needs in its own room; the store is those APIs
// composed, and nothing more. An operation is written once in those API types, once in the
// services (services/writer.ts or reader.ts) and once per engine port (ports.ts) — the client
// (client.ts) and the store thread's dispatch (store-worker.ts) follow from the types.
import type { AccountsApi, SessionsApi } from '../accounts/accounts-api';
import type { LiveBasisApi, StoreFollower } from '../aggregate/live-basis';
import type { LiveChange } from '../aggregate/live-change';
import type { AuditApi, AuditReadApi } from '../audit/audit-api';
import type { FailedAuthApi } from '../auth/shared-failed-auth-limiter';
import type { HealthCheckApi, StoreHealth } from '../http/health-route';
import type { ClaimApi, IngestApi, RejectedApi, StepApi } from '../ingest/ingest-api';
import type { MetricsApi } from '../metrics/metrics';
import type { OperatorReadApi } from '../operator/operator-api';
import type { WallControlApi } from '../walls/wall-control-api';
import type { AlertsApi } from '../alerts/alerts-api';
import type { FeedsApi } from '../feeds/feeds-api';
import type { SurgesApi } from '../surges/surges-api';
import type { RetentionApi } from '../retention/retention-api';
import type { DemoApi } from '../simulator/demo-api';
import type { StatsApi } from '../stats/stats-api';
import type { PlaybackApi } from '../playback/playback-api';
import type { SchemaApi } from '../upgrade/schema-watch';

interface Closable {
  close(): Promise<void>;
}

/** Writes, and the reads that must see every write before them in order: the writer thread's. */
export type WriterApi = IngestApi &
  StepApi &
  ClaimApi &
  WallControlApi &
  AlertsApi &
  FeedsApi &
  SurgesApi &
  LiveBasisApi &
  HealthCheckApi &
  FailedAuthApi &
  SessionsApi &
  AccountsApi &
  AuditApi &
  RetentionApi &
  DemoApi &
  SchemaApi &
  Omit<MetricsApi, 'health'> &
  Closable;

/** Reads that may lag the newest write by a moment, answered as encoded JSON: the reader thread's. */
export type ReaderApi = StatsApi & PlaybackApi & OperatorReadApi & RejectedApi & AuditReadApi & Closable;

/** The calls the reader thread answers; every other call goes to the writer. */
export const READER_CALLS = ['statsJson', 'stationStatsJson', 'playbackBasis', 'operatorEscalationsJson', 'stations', 'rejectedJson', 'auditJson'] as const satisfies readonly Exclude<keyof ReaderApi, 'close'>[];
// A reader call left out of the list would go to SQLite's writer, which does not answer it: that does not compile.
true satisfies [Exclude<keyof ReaderApi, 'close' | (typeof READER_CALLS)[number]>] extends [never] ? true : never;

/** What a store's thread tells the thread serving the walls without being asked. */
export type StoreNews =
  | { readonly kind: 'health'; readonly health: StoreHealth }
  /** A committed batch's change to the walls, in commit order. */
  | { readonly kind: 'change'; readonly change: LiveChange }
  /** Changes may have been missed (the shared database's feed was out of reach): start again from a basis. */
  | { readonly kind: 'resync' };

export type Tell = (news: StoreNews) => void;

export type Store = Omit<WriterApi, 'close'> &
  Omit<ReaderApi, 'close'> &
  Closable & {
    /** The latest health seen, without waiting: what heartbeats carry. */
    readonly health: StoreHealth;
    /**
     * Hands `follower` each committed batch's change, in commit order — this node's, and every
     * node's sharing the database — each before the ingest that made it is answered on this node.
     */
    follow(follower: StoreFollower): void;
  };
