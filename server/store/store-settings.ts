// What a store's threads need to know of the configuration: plain data, sent to each worker.
import type { RegionId } from '../../shared/region';
import type { IndexSettings } from '../stats/anti-fraud-index';

export interface StoreSettings {
  readonly dataDir: string;
  /** postgres://…: the database several nodes share; unset, SQLite in dataDir. */
  readonly databaseUrl?: string;
  readonly timeZone: string;
  readonly region: RegionId;
  readonly maxEventAgeDays: number;
  readonly index: IndexSettings;
  /** A signed-in session ends after this long without use. */
  readonly sessionIdleMs: number;
  /** The red SLA threshold, against which statistics count closures. */
  readonly redMinutes: number;
  /** The audit chain's key, as hex (audit/audit-key.ts). */
  readonly auditKey: string;
}
