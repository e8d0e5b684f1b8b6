// The command-line tools open the database the server is configured with: PostgreSQL when
// FRAUDWALL_DATABASE_URL is set, else the SQLite file in FRAUDWALL_DATA_DIR — migrated, as a
// server start would, and closed when `use` is done.
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import type { Config } from '../config';
import { openDatabase } from '../store/sqlite/open-database';
import { migrate } from '../store/postgres/migrations';
import { openPool } from '../store/postgres/pool';

export async function withDatabase<T>(config: Config, use: { sqlite: (db: Database) => T | Promise<T>; postgres: (pool: pg.Pool) => Promise<T> }): Promise<T> {
  if (config.databaseUrl !== undefined) {
    const pool = openPool(config.databaseUrl, 2, () => {});
    try {
      await migrate(pool);
      return await use.postgres(pool);
    } finally {
      await pool.end();
    }
  }
  const db = openDatabase(config.dataDir);
  try {
    return await use.sqlite(db);
  } finally {
    db.close();
  }
}
