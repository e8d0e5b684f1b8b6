// What a backup or a restored file holds, proven before it is trusted: SQLite's integrity check
// passes and the audit chain is whole under the key. The chain is walked within the file alone —
// the anchor file may already name later records than a copy holds.
import type { Database } from 'better-sqlite3';
import { verifyChain } from '../audit/audit-chain';
import { SqliteAudit } from '../store/sqlite/audit';
import { BackupRefused } from './backup-refused';

export interface DatabaseContents {
  readonly schemaVersion: number;
  readonly events: number;
  readonly auditRecords: number;
}

export async function provenContents(db: Database, keyHex: string, what: string): Promise<DatabaseContents> {
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') throw new BackupRefused(`${what} is damaged (SQLite integrity check: ${String(integrity)})`);
  const chain = await verifyChain(new SqliteAudit(db, keyHex).records(), keyHex, []);
  if (chain.broken) {
    throw new BackupRefused(`${what}'s audit chain is broken at record ${chain.broken.seq} (${chain.broken.reason}): is the audit key the one it was written with?`);
  }
  return {
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    events: db.prepare<[], number>('SELECT count(*) FROM events').pluck().get()!,
    auditRecords: chain.records,
  };
}
