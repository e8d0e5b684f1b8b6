import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations';

export const DATABASE_FILE = 'fraudwall.sqlite';

/** Opens (creating if needed) the database in `dataDir`, migrated to the current schema. */
export function openDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  tuneDatabase(db);
  migrate(db);
  return db;
}

/** The settings every connection that writes the database runs with. */
export function tuneDatabase(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // FULL: an acknowledged batch survives a power cut, not only a crashed process.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // What an update or delete leaves behind is overwritten with zeros: victims' data erased after
  // the retention is gone from the file, not only from queries.
  db.pragma('secure_delete = ON');
}
