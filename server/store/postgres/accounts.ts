// Accounts in PostgreSQL (../account-rows.ts has the statements both engines share).
import type pg from 'pg';
import type { AccountChange, AccountRecord, AccountRole, AccountTable } from '../../accounts/account';
import { accountStatements, toAccount, type AccountRow } from '../sql/account-rows';

const SQL = accountStatements((n) => `$${n}`);

export class PgAccounts implements AccountTable {
  constructor(private readonly pool: pg.Pool) {}

  async add(a: AccountRecord): Promise<AccountChange> {
    const { rowCount } = await this.pool.query(SQL.add, [a.username, a.role, a.scope, a.passwordHash, a.tokenHash, a.disabled, a.createdMs, a.updatedMs, a.displayName]);
    return rowCount === 1 ? 'done' : 'exists';
  }

  async setPassword(username: string, passwordHash: string, nowMs: number): Promise<AccountChange> {
    return (await this.pool.query(SQL.setPassword, [passwordHash, nowMs, username])).rowCount === 1 ? 'done' : 'missing';
  }

  async setDisabled(username: string, disabled: boolean, nowMs: number): Promise<AccountChange> {
    return (await this.pool.query(SQL.setDisabled, [disabled, nowMs, username])).rowCount === 1 ? 'done' : 'missing';
  }

  async setRoleScope(username: string, role: AccountRole, scope: string, nowMs: number): Promise<AccountChange> {
    return (await this.pool.query(SQL.setRoleScope, [role, scope, nowMs, username])).rowCount === 1 ? 'done' : 'missing';
  }

  async setDisplayName(username: string, displayName: string | null, nowMs: number): Promise<AccountChange> {
    return (await this.pool.query(SQL.setDisplayName, [displayName, nowMs, username])).rowCount === 1 ? 'done' : 'missing';
  }

  async setTokenHash(username: string, tokenHash: string, nowMs: number): Promise<AccountChange> {
    return (await this.pool.query(SQL.setTokenHash, [tokenHash, nowMs, username])).rowCount === 1 ? 'done' : 'missing';
  }

  async get(username: string): Promise<AccountRecord | undefined> {
    const { rows } = await this.pool.query<AccountRow>(SQL.get, [username]);
    return rows[0] && toAccount(rows[0]);
  }

  async byTokenHash(tokenHash: string): Promise<AccountRecord | undefined> {
    const { rows } = await this.pool.query<AccountRow>(SQL.byTokenHash, [tokenHash]);
    return rows[0] && toAccount(rows[0]);
  }

  async countDevices(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(SQL.countDevices);
    return rows[0]!.n;
  }

  async tokenHolders(): Promise<AccountRecord[]> {
    return (await this.pool.query<AccountRow>(SQL.tokenHolders)).rows.map(toAccount);
  }

  async list(): Promise<AccountRecord[]> {
    return (await this.pool.query<AccountRow>(SQL.list)).rows.map(toAccount);
  }
}
