// npm run restore for the embedded database: a backup becomes the data dir's database, proven
// and made fit to serve before it takes the database's name — so a server can never start on a
// copy that is cut short, damaged, newer than it, written under another audit key, or still
// holding victims' data that the retention has since erased.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statfsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteAudit } from '../store/sqlite/audit';
import { describe } from '../store/errors';
import { isSchemaNewer } from '../upgrade/schema-newer';
import { Meta } from '../store/sqlite/meta';
import { migrate } from '../store/sqlite/migrations';
import { DATABASE_FILE, tuneDatabase } from '../store/sqlite/open-database';
import { SqlitePiiEraser } from '../store/sqlite/pii-eraser';
import { BackupRefused } from './backup-refused';
import { eraseDueVictims } from './erase-due-victims';
import { describedBackup, provenWhole } from './manifest';
import type { RestoreRequest, RestoreResult } from './restore-request';
import { provenContents } from './sqlite-contents';

/** Room kept free beyond the copy: the write-ahead log of the erasure and the restore's record. */
const HEADROOM_BYTES = 16 * 1_048_576;

export async function restoreSqlite(request: RestoreRequest, dataDir: string): Promise<RestoreResult> {
  const { backup } = request;
  const database = path.join(dataDir, DATABASE_FILE);
  const present = [database, `${database}-wal`].filter((file) => existsSync(file));
  if (present.length > 0) throw new BackupRefused(`${present.join(' and ')} exist: a restore goes into an empty data dir only — move the database aside first`);
  // The size now; every byte once, on the copy: a mismatch found there is refused and removed.
  const manifest = describedBackup(backup, 'sqlite');
  mkdirSync(dataDir, { recursive: true });
  roomFor(dataDir, manifest.bytes);

  const restoring = `${database}.restoring`;
  rmSync(restoring, { force: true });
  try {
    copyFileSync(backup, restoring);
    await provenWhole(restoring, manifest);
    const db = new Database(restoring, { fileMustExist: true });
    let erased: number;
    try {
      tuneDatabase(db);
      await provenContents(db, request.keyHex, backup);
      migrate(db);
      const eraser = new SqlitePiiEraser(db, new Meta(db));
      erased = await eraseDueVictims((cutoffMs, limit) => eraser.chunk(cutoffMs, limit), request.piiCutoffMs);
      new SqliteAudit(db, request.keyHex).append(request.record(manifest, erased));
      // Everything into the file itself, so the log beside it never takes the database's name.
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    rmSync(`${restoring}-wal`, { force: true });
    rmSync(`${restoring}-shm`, { force: true });
    renameSync(restoring, database);
    return { manifest, erased, database };
  } catch (error) {
    for (const file of [restoring, `${restoring}-wal`, `${restoring}-shm`]) rmSync(file, { force: true });
    if (error instanceof BackupRefused) throw error;
    if (isSchemaNewer(error)) throw new BackupRefused(describe(error));
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || /SQLITE_FULL|disk is full/i.test(String(error))) throw new BackupRefused(`the disk of ${dataDir} filled up during the restore; nothing was kept there`);
    throw error;
  }
}

/** Refuses before copying when the data dir's disk cannot hold the copy. */
function roomFor(dataDir: string, bytes: number): void {
  const { bavail, bsize } = statfsSync(dataDir);
  const free = bavail * bsize;
  if (free < bytes + HEADROOM_BYTES) {
    const mb = (n: number) => `${(n / 1_048_576).toFixed(1)} MB`;
    throw new BackupRefused(`the disk of ${dataDir} has ${mb(free)} free; the restore needs ${mb(bytes + HEADROOM_BYTES)} (the copy and room to make it fit to serve)`);
  }
}

