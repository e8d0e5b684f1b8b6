// What a backup or a restored file holds, proven before it is trusted: SQLite's integrity check
// passes and the audit chain is whole under the key (proven-chain.ts).
import type { Database } from 'better-sqlite3';
import { SqliteAudit } from '../store/sqlite/audit';
import { BackupRefused } from './backup-refused';
import { provenChain } from './proven-chain';

export interface DatabaseContents {
  readonly schemaVersion: number;
  readonly events: number;
  readonly auditRecords: number;
}

export async function provenContents(db: Database, keyHex: string, what: string): Promise<DatabaseContents> {
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') throw new BackupRefused(`${what} is damaged (SQLite integrity check: ${String(integrity)})`);
  const auditRecords = await provenChain(new SqliteAudit(db, keyHex).records(), keyHex, what);
  return {
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    events: db.prepare<[], number>('SELECT count(*) FROM events').pluck().get()!,
    auditRecords,
  };
}
