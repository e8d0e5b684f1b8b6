// The sessions table in either engine: the same statements, placeholders in order of appearance.
import type { SessionRecord } from '../../accounts/session-store';

export interface SessionRow {
  id_hash: string;
  username: string;
  csrf: string;
  created_ms: number;
  seen_ms: number;
}

export const toSession = (row: SessionRow): SessionRecord => ({
  idHash: row.id_hash,
  username: row.username,
  csrf: row.csrf,
  createdMs: row.created_ms,
  seenMs: row.seen_ms,
});

export function sessionStatements(placeholder: (n: number) => string) {
  const [a, b, c, d, e] = [1, 2, 3, 4, 5].map(placeholder);
  return {
    create: `INSERT INTO sessions (id_hash, username, csrf, created_ms, seen_ms) VALUES (${a}, ${b}, ${c}, ${d}, ${e})`,
    get: `SELECT * FROM sessions WHERE id_hash = ${a}`,
    /** seen, id hash */
    touch: `UPDATE sessions SET seen_ms = ${a} WHERE id_hash = ${b}`,
    remove: `DELETE FROM sessions WHERE id_hash = ${a}`,
    removeAll: `DELETE FROM sessions WHERE username = ${a}`,
  };
}
