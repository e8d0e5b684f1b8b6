// What the integrity check (../integrity.ts) reads from PostgreSQL: the log in the order it was
// accepted (seq, assigned under the write lock), a page at a time so a year of events never
// sits in memory at once.
import type pg from 'pg';
import type { StoredRollups } from '../../aggregate/integrity';

const PAGE = 5_000;

export function pgStoredRollups(pool: pg.Pool): StoredRollups {
  return {
    async *bodies() {
      let after = 0;
      for (;;) {
        const { rows } = await pool.query<{ seq: number; body: string }>('SELECT seq, body FROM events WHERE seq > $1 ORDER BY seq LIMIT $2', [after, PAGE]);
        for (const row of rows) yield row.body;
        if (rows.length < PAGE) return;
        after = rows[rows.length - 1]!.seq;
      }
    },
    async rows(sql) {
      const { rows } = await pool.query<{ key: string; value: number }>(sql);
      return new Map(rows.map((r) => [r.key, r.value]));
    },
  };
}
