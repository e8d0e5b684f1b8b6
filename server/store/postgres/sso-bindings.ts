// Single sign-on bindings in PostgreSQL, shared by every node (sql/sso-binding-sql.ts has the statements).
import type pg from 'pg';
import type { SsoBinding, SsoBindingTable } from '../../accounts/sso-binding';
import { ssoBindingStatements } from '../sql/sso-binding-sql';

const SQL = ssoBindingStatements((n) => `$${n}`);

export class PgSsoBindings implements SsoBindingTable {
  constructor(private readonly pool: pg.Pool) {}

  async of(username: string): Promise<SsoBinding | undefined> {
    return (await this.pool.query<SsoBinding>(SQL.of, [username])).rows[0];
  }

  async usernameOf({ issuer, subject }: SsoBinding): Promise<string | undefined> {
    return (await this.pool.query<{ username: string }>(SQL.usernameOf, [issuer, subject])).rows[0]?.username;
  }

  async bind(username: string, { issuer, subject }: SsoBinding): Promise<void> {
    await this.pool.query(SQL.bind, [username, issuer, subject]);
  }
}
