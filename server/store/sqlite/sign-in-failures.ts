// Failed sign-ins per (name, address) in SQLite (sql/sign-in-failure-sql.ts has the statements).
// The writer's one connection is the lock: a read, the rule and a write run with nothing between.
import type { Database } from 'better-sqlite3';
import { afterFailure, recentText, type PairThrottle, type SignInThrottleTable } from '../../accounts/sign-in-throttle';
import { signInFailureStatements, toPairThrottle, type SignInFailureRow } from '../sql/sign-in-failure-sql';

export class SqliteSignInFailures implements SignInThrottleTable {
  readonly #get;
  readonly #put;
  readonly #clear;
  readonly #clearName;
  readonly #prune;
  readonly #count;

  constructor(db: Database) {
    const sql = signInFailureStatements(() => '?');
    this.#get = db.prepare<[string, string], SignInFailureRow>(sql.get);
    this.#put = db.prepare<[string, string, string, number, number, number]>(sql.put);
    this.#clear = db.prepare<[string, string]>(sql.clear);
    this.#clearName = db.prepare<[string]>(sql.clearName);
    this.#prune = db.prepare<[number, number]>(sql.prune);
    this.#count = db.transaction((username: string, address: string, nowMs: number): PairThrottle => {
      this.#prune.run(nowMs, nowMs);
      const pair = afterFailure(this.get(username, address), nowMs);
      this.#put.run(username, address, recentText(pair.recentMs), pair.lockedUntilMs, pair.locks, pair.lastFailureMs);
      return pair;
    });
  }

  get(username: string, address: string): PairThrottle | undefined {
    const row = this.#get.get(username, address);
    return row && toPairThrottle(row);
  }

  countFailure(username: string, address: string, nowMs: number): PairThrottle {
    return this.#count(username, address, nowMs);
  }

  clear(username: string, address: string): void {
    this.#clear.run(username, address);
  }

  clearName(username: string): void {
    this.#clearName.run(username);
  }
}
