// Accounts in SQLite (account-rows.ts has the statements both engines share).
import type { Database } from 'better-sqlite3';
import type { AccountChange, AccountRecord, AccountRole, AccountTable } from '../../accounts/account';
import { accountStatements, toAccount, type AccountRow } from '../sql/account-rows';

export class SqliteAccounts implements AccountTable {
  readonly #add;
  readonly #setPassword;
  readonly #setDisabled;
  readonly #setTokenHash;
  readonly #setRoleScope;
  readonly #setDisplayName;
  readonly #get;
  readonly #byTokenHash;
  readonly #list;
  readonly #tokenHolders;
  readonly #countDevices;

  constructor(db: Database) {
    const sql = accountStatements(() => '?');
    this.#add = db.prepare(sql.add);
    this.#setPassword = db.prepare(sql.setPassword);
    this.#setDisabled = db.prepare(sql.setDisabled);
    this.#setTokenHash = db.prepare(sql.setTokenHash);
    this.#setRoleScope = db.prepare(sql.setRoleScope);
    this.#setDisplayName = db.prepare(sql.setDisplayName);
    this.#get = db.prepare<[string], AccountRow>(sql.get);
    this.#byTokenHash = db.prepare<[string], AccountRow>(sql.byTokenHash);
    this.#list = db.prepare<[], AccountRow>(sql.list);
    this.#tokenHolders = db.prepare<[], AccountRow>(sql.tokenHolders);
    this.#countDevices = db.prepare<[], { n: number }>(sql.countDevices);
  }

  add(a: AccountRecord): AccountChange {
    const { changes } = this.#add.run(a.username, a.role, a.scope, a.passwordHash, a.tokenHash, a.disabled ? 1 : 0, a.createdMs, a.updatedMs, a.displayName);
    return changes === 1 ? 'done' : 'exists';
  }

  setPassword(username: string, passwordHash: string, nowMs: number): AccountChange {
    return this.#setPassword.run(passwordHash, nowMs, username).changes === 1 ? 'done' : 'missing';
  }

  setDisabled(username: string, disabled: boolean, nowMs: number): AccountChange {
    return this.#setDisabled.run(disabled ? 1 : 0, nowMs, username).changes === 1 ? 'done' : 'missing';
  }

  setRoleScope(username: string, role: AccountRole, scope: string, nowMs: number): AccountChange {
    return this.#setRoleScope.run(role, scope, nowMs, username).changes === 1 ? 'done' : 'missing';
  }

  setDisplayName(username: string, displayName: string | null, nowMs: number): AccountChange {
    return this.#setDisplayName.run(displayName, nowMs, username).changes === 1 ? 'done' : 'missing';
  }

  setTokenHash(username: string, tokenHash: string, nowMs: number): AccountChange {
    return this.#setTokenHash.run(tokenHash, nowMs, username).changes === 1 ? 'done' : 'missing';
  }

  get(username: string): AccountRecord | undefined {
    const row = this.#get.get(username);
    return row && toAccount(row);
  }

  byTokenHash(tokenHash: string): AccountRecord | undefined {
    const row = this.#byTokenHash.get(tokenHash);
    return row && toAccount(row);
  }

  countDevices(): number {
    return this.#countDevices.get()!.n;
  }

  tokenHolders(): AccountRecord[] {
    return this.#tokenHolders.all().map(toAccount);
  }

  list(): AccountRecord[] {
    return this.#list.all().map(toAccount);
  }
}
