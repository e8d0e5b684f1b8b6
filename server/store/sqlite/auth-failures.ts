// Failed authentications per address in SQLite (sql/auth-failure-sql.ts has the statements).
import type { Database } from 'better-sqlite3';
import type { AddressFailures } from '../../accounts/sign-in';
import { authFailureStatements } from '../sql/auth-failure-sql';

export class AuthFailures {
  readonly #count;
  readonly #prune;
  readonly #get;

  constructor(db: Database) {
    const sql = authFailureStatements(() => '?');
    this.#count = db.prepare<[string, number], { failures: number }>(sql.count);
    this.#prune = db.prepare<[number, string]>(sql.prune);
    this.#get = db.prepare<[string], AddressFailures>(sql.get);
  }

  of(address: string): AddressFailures | undefined {
    return this.#get.get(address);
  }

  count(address: string, nowMs: number): number {
    this.#prune.run(nowMs, address);
    return this.#count.get(address, nowMs)!.failures;
  }
}
