// What the integrity check (integrity.ts) reads from a SQLite file.
import type { Database } from 'better-sqlite3';
import type { StoredRollups } from '../../aggregate/integrity';

export function sqliteStoredRollups(db: Database): StoredRollups {
  return {
    *bodies() {
      for (const row of db.prepare<[], { body: string }>('SELECT body FROM events ORDER BY seq').iterate()) yield row.body;
    },
    rows: (sql) => new Map(db.prepare<[], { key: string; value: number }>(sql).all().map((r) => [r.key, r.value])),
  };
}
