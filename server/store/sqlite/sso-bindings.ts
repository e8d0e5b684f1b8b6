// Single sign-on bindings in SQLite (sql/sso-binding-sql.ts has the statements).
import type { Database } from 'better-sqlite3';
import type { SsoBinding, SsoBindingTable } from '../../accounts/sso-binding';
import { ssoBindingStatements } from '../sql/sso-binding-sql';

export class SqliteSsoBindings implements SsoBindingTable {
  readonly #of;
  readonly #usernameOf;
  readonly #bind;

  constructor(db: Database) {
    const sql = ssoBindingStatements(() => '?');
    this.#of = db.prepare<[string], SsoBinding>(sql.of);
    this.#usernameOf = db.prepare<[string, string], { username: string }>(sql.usernameOf);
    this.#bind = db.prepare<[string, string, string]>(sql.bind);
  }

  of(username: string): SsoBinding | undefined {
    return this.#of.get(username);
  }

  usernameOf({ issuer, subject }: SsoBinding): string | undefined {
    return this.#usernameOf.get(issuer, subject)?.username;
  }

  bind(username: string, { issuer, subject }: SsoBinding): void {
    this.#bind.run(username, issuer, subject);
  }
}
