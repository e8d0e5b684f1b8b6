// What a server has stored, read straight from its database on a connection of the test's own —
// its SQLite file, or its PostgreSQL database in the conformance suite's PostgreSQL run: the
// real database, never a mock of it.
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { verifyRollups, type IntegrityReport } from '../../server/aggregate/integrity';
import { DATABASE_FILE } from '../../server/store/sqlite/open-database';
import { clientConfig } from '../../server/store/postgres/pool';
import { pgStoredRollups } from '../../server/store/postgres/stored-rollups';
import { sqliteStoredRollups } from '../../server/store/sqlite/stored-rollups';
import type { ZonedCalendar } from '../../shared/time/zoned-calendar';

/** Where a server stores: its data dir, and its PostgreSQL database if it has one. */
export interface StoredIn {
  readonly dataDir: string;
  readonly databaseUrl?: string;
}

export function storedDatabase(dataDir: string): Database.Database {
  return new Database(path.join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
}

/** Runs `read` on a fresh read-only connection to a SQLite file and closes it (once its promise settles, if it returns one). */
export function readStored<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = storedDatabase(dataDir);
  let result: T;
  try {
    result = read(db);
  } catch (error) {
    db.close();
    throw error;
  }
  if (result instanceof Promise) return result.finally(() => db.close()) as T;
  db.close();
  return result;
}

/** Runs SQL both engines understand, parameters written $1, $2, … in order of use. */
export async function storedRows<T>(where: StoredIn, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  if (where.databaseUrl !== undefined) {
    const client = new pg.Client(clientConfig(where.databaseUrl));
    await client.connect();
    try {
      return (await client.query(sql, [...params])).rows as T[];
    } finally {
      await client.end();
    }
  }
  const db = new Database(path.join(where.dataDir, DATABASE_FILE), { fileMustExist: true });
  try {
    const statement = db.prepare(sql.replace(/\$\d+/g, '?'));
    if (!statement.reader) {
      statement.run(...params);
      return [];
    }
    return statement.all(...params) as T[];
  } finally {
    db.close();
  }
}

export async function storedEventCount(where: StoredIn): Promise<number> {
  const [row] = await storedRows<{ n: number }>(where, 'SELECT count(*) AS n FROM events');
  return row!.n;
}

export async function isStored(where: StoredIn, id: string): Promise<boolean> {
  return (await storedRows(where, 'SELECT 1 FROM events WHERE id = $1', [id])).length > 0;
}

/** `npm run verify`'s recount, on the server's own database. */
export async function storedIntegrity(where: StoredIn, calendar: ZonedCalendar): Promise<IntegrityReport> {
  if (where.databaseUrl === undefined) return readStored(where.dataDir, (db) => verifyRollups(sqliteStoredRollups(db), calendar));
  const pool = new pg.Pool({ ...clientConfig(where.databaseUrl), max: 2 });
  try {
    return await verifyRollups(pgStoredRollups(pool), calendar);
  } finally {
    await pool.end();
  }
}
