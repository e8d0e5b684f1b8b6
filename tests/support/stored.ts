// What a server has stored, read straight from its SQLite file on a read-only connection of the
// test's own: the real database, never a mock of it.
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../server/store/open-database';

export function storedDatabase(dataDir: string): Database.Database {
  return new Database(path.join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
}

/** Runs `read` on a fresh read-only connection and closes it. */
export function readStored<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = storedDatabase(dataDir);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function storedEventCount(dataDir: string): number {
  return readStored(dataDir, (db) => db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events').get()!.n);
}

export function isStored(dataDir: string, id: string): boolean {
  return readStored(dataDir, (db) => db.prepare('SELECT 1 FROM events WHERE id = ?').get(id) !== undefined);
}
