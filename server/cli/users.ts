// npm run users -- <command>: accounts, kept in the configured database (FRAUDWALL_DATABASE_URL
// or FRAUDWALL_DATA_DIR, as the server uses them).
//   add <username> --role <admin|operator|leader|device> --scope <adcode>   password from stdin
//   passwd <username>                                                          password from stdin
//   disable <username> | enable <username>
//   list
import { parseArgs } from 'node:util';
import { RegionScopes, regionPack } from '../../shared/region';
import { passwordSchema, roleSchema, scopeSchema, usernameSchema, type AccountChange, type AccountTable } from '../accounts/account';
import { hashPassword } from '../accounts/password';
import { readConfig } from '../config';
import { PgAccounts } from '../store/postgres/pg-accounts';
import { SqliteAccounts } from '../store/sqlite-accounts';
import { withDatabase } from './configured-database';
import { readPassword } from './password-input';

const USAGE = `usage: npm run users -- add <username> --role <admin|operator|leader|device> --scope <adcode>
       npm run users -- passwd <username>
       npm run users -- disable <username> | enable <username>
       npm run users -- list
(add and passwd read the password from standard input)`;

class UsageError extends Error {}

/** A value checked by `schema`, or a usage error naming the field. */
function checked<T>(field: string, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(`${field}: ${result.error.issues[0]?.message ?? 'is not valid'}`);
  return result.data;
}

const config = readConfig(process.env);
const scopes = new RegionScopes(regionPack(config.region));
const { values, positionals } = parseArgs({ options: { role: { type: 'string' }, scope: { type: 'string' } }, allowPositionals: true });
const [command, name] = positionals;

async function newPasswordHash(): Promise<string> {
  return hashPassword(checked('password', passwordSchema, await readPassword('password: ')));
}

function said(change: AccountChange, username: string, done: string): string {
  if (change === 'exists') throw new UsageError(`username: ${username} is already taken`);
  if (change === 'missing') throw new UsageError(`username: there is no account ${username}`);
  return done;
}

/** Terminal columns a cell takes: Chinese characters take two. */
const columns = (text: string) => [...text].reduce((width, char) => width + (char.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);

async function run(accounts: AccountTable): Promise<string> {
  const now = Date.now();
  switch (command) {
    case 'add': {
      const username = checked('username', usernameSchema, name);
      const role = checked('--role', roleSchema, values.role);
      const scope = checked('--scope', scopeSchema(scopes), values.scope);
      const account = { username, role, scope, passwordHash: await newPasswordHash(), disabled: false, createdMs: now, updatedMs: now, failedSignIns: 0, lockedUntilMs: 0 };
      return said(await accounts.add(account), username, `added ${username} (${role}, ${scopes.get(scope)?.name ?? scope})`);
    }
    case 'passwd': {
      const username = checked('username', usernameSchema, name);
      return said(await accounts.setPassword(username, await newPasswordHash(), now), username, `changed the password of ${username}`);
    }
    case 'disable':
    case 'enable': {
      const username = checked('username', usernameSchema, name);
      return said(await accounts.setDisabled(username, command === 'disable', now), username, `${command}d ${username}`);
    }
    case 'list': {
      const rows = (await accounts.list()).map((a) => [a.username, a.role, `${a.scope} ${scopes.get(a.scope)?.name ?? ''}`.trim(), a.disabled ? 'disabled' : 'active']);
      const table = [['username', 'role', 'scope', 'status'], ...rows];
      const widths = [0, 1, 2].map((i) => Math.max(...table.map((row) => columns(row[i]!))));
      const padded = (cell: string, i: number) => (i < widths.length ? cell + ' '.repeat(widths[i]! - columns(cell)) : cell);
      return table.map((row) => row.map(padded).join('  ')).join('\n');
    }
    default:
      throw new UsageError(USAGE);
  }
}

try {
  const out = await withDatabase(config, { sqlite: (db) => run(new SqliteAccounts(db)), postgres: (pool) => run(new PgAccounts(pool)) });
  process.stdout.write(`${out}\n`);
} catch (error) {
  process.stderr.write(`users: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
