// Failed authentications per address in SQLite (sql/auth-failure-sql.ts has the statements).
import type { Database } from 'better-sqlite3';
import { authFailureStatements } from '../sql/auth-failure-sql';

export class AuthFailures {
  readonly #count;
  readonly #prune;

  constructor(db: Database) {
    const sql = authFailureStatements(() => '?');
    this.#count = db.prepare<[string, number], { failures: number }>(sql.count);
    this.#prune = db.prepare<[number, string]>(sql.prune);
  }

  count(address: string, nowMs: number): number {
    this.#prune.run(nowMs, address);
    return this.#count.get(address, nowMs)!.failures;
  }
}
