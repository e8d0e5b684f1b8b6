// What a restore is asked to do and what it did, the same for either engine (cli/restore.ts
// chooses sqlite-restore.ts or postgres-restore.ts by the configured database).
import type { AuditEntry } from '../audit/audit-chain';
import type { BackupManifest } from './manifest';

export interface RestoreRequest {
  readonly backup: string;
  readonly keyHex: string;
  /** Victims' data received before this is erased before the database may serve. */
  readonly piiCutoffMs: number;
  /** The restore's own audit record, given what was restored. */
  readonly record: (manifest: BackupManifest, erased: number) => AuditEntry;
}

export interface RestoreResult {
  readonly manifest: BackupManifest;
  readonly erased: number;
  /** Where it now is. */
  readonly database: string;
}
