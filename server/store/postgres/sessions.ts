// Sessions in PostgreSQL (../session-rows.ts has the statements both engines share).
import type pg from 'pg';
import type { SessionRecord, SessionTable } from '../../accounts/session-store';
import { sessionStatements, toSession, type SessionRow } from '../sql/session-rows';

const SQL = sessionStatements((n) => `$${n}`);

export class PgSessions implements SessionTable {
  constructor(private readonly pool: pg.Pool) {}

  async create(s: SessionRecord): Promise<void> {
    await this.pool.query(SQL.create, [s.idHash, s.username, s.csrf, s.createdMs, s.seenMs]);
  }

  async get(idHash: string): Promise<SessionRecord | undefined> {
    const { rows } = await this.pool.query<SessionRow>(SQL.get, [idHash]);
    return rows[0] && toSession(rows[0]);
  }

  async touch(idHash: string, nowMs: number): Promise<void> {
    await this.pool.query(SQL.touch, [nowMs, idHash]);
  }

  async remove(idHash: string): Promise<void> {
    await this.pool.query(SQL.remove, [idHash]);
  }

  async removeAll(username: string): Promise<void> {
    await this.pool.query(SQL.removeAll, [username]);
  }
}
