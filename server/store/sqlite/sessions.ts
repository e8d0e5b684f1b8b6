// Sessions in SQLite (session-rows.ts has the statements both engines share).
import type { Database } from 'better-sqlite3';
import type { SessionRecord, SessionTable } from '../../accounts/session-store';
import { sessionStatements, toSession, type SessionRow } from '../sql/session-rows';

export class SqliteSessions implements SessionTable {
  readonly #create;
  readonly #get;
  readonly #touch;
  readonly #remove;
  readonly #removeAll;

  constructor(db: Database) {
    const sql = sessionStatements(() => '?');
    this.#create = db.prepare<[string, string, string, number, number]>(sql.create);
    this.#get = db.prepare<[string], SessionRow>(sql.get);
    this.#touch = db.prepare<[number, string]>(sql.touch);
    this.#remove = db.prepare<[string]>(sql.remove);
    this.#removeAll = db.prepare<[string]>(sql.removeAll);
  }

  create(s: SessionRecord): void {
    this.#create.run(s.idHash, s.username, s.csrf, s.createdMs, s.seenMs);
  }

  get(idHash: string): SessionRecord | undefined {
    const row = this.#get.get(idHash);
    return row && toSession(row);
  }

  touch(idHash: string, nowMs: number): void {
    this.#touch.run(nowMs, idHash);
  }

  remove(idHash: string): void {
    this.#remove.run(idHash);
  }

  removeAll(username: string): void {
    this.#removeAll.run(username);
  }
}
