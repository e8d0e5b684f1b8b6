// A consistent copy of the embedded database, taken while the server runs and takes ingest.
// SQLite's online backup API copies it from one read snapshot (WAL: the server's writes go on
// meanwhile; the copy holds every event acknowledged before it began). It is written under a
// temporary name, proven whole (sqlite-contents.ts) and only then renamed into place beside its
// manifest: a backup cut short by a crash or a full disk is never mistaken for a complete one.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { BackupRefused } from './backup-refused';
import { discardPartial, partialFileOf, placeBackup, type BackupManifest } from './manifest';
import { provenContents } from './sqlite-contents';

/** Pages copied per step: a few milliseconds of reading, so the server's own reads go on between. */
const PAGES_PER_STEP = 1_000;

export async function backupSqlite(source: string, out: string, keyHex: string, version: string): Promise<BackupManifest> {
  if (!existsSync(source)) throw new BackupRefused(`no database at ${source}`);
  const partial = partialFileOf(out);
  discardPartial(out);
  const takenAt = new Date().toISOString();
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    // A step-by-step copy starts again whenever the server writes in between, which under steady
    // ingest would never end; so after the first step, everything left is copied in one — from
    // the read snapshot, which holds no lock that stops the server's writer.
    await db.backup(partial, { progress: ({ remainingPages }) => Math.max(remainingPages, PAGES_PER_STEP) });
  } catch (error) {
    discardPartial(out);
    throw new BackupRefused(`the copy failed, nothing was kept: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    db.close();
  }
  try {
    const copy = new Database(partial, { fileMustExist: true });
    let contents;
    try {
      // One file, with no write-ahead log beside it for a check (or a restore) to leave behind.
      copy.pragma('journal_mode = DELETE');
      contents = await provenContents(copy, keyHex, 'the copy');
    } finally {
      copy.close();
    }
    return await placeBackup(out, { engine: 'sqlite', ...contents, takenAt, version });
  } catch (error) {
    discardPartial(out);
    throw error instanceof BackupRefused ? error : new BackupRefused(`the copy could not be checked, nothing was kept: ${String(error)}`);
  }
}
