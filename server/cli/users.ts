// npm run users -- <command>: accounts, kept in the configured database (FRAUDWALL_DATABASE_URL
// or FRAUDWALL_DATA_DIR, as the server uses them). Every change is an audit record, its actor
// `cli:<the operating-system user>`.
//   add <username> --role <admin|operator|leader|device> --scope <adcode> [--name <display name>]
//                                                   password from stdin; a device gets a token
//   name <username> --name <display name>           what the room sees on cards, claims and badges
//   add-source <name> --scope <adcode>                an upstream system's ingest key, in its scope
//   passwd <username>                                                          password from stdin
//   disable <username> | enable <username>
//   token <username>                                                  a device's or source's new token
//   list
import os from 'node:os';
import { parseArgs } from 'node:util';
import { RegionScopes, regionPack } from '../../shared/region';
import { displayNameSchema, holdsToken, passwordSchema, roleSchema, scopeSchema, usernameSchema } from '../accounts/account';
import { auditAction, type AccountAnswer, type AccountCommand } from '../accounts/account-command';
import { AccountDesk } from '../accounts/account-desk';
import type { AuditEntry } from '../audit/audit-chain';
import { readConfig } from '../config';
import { PgAccounts } from '../store/postgres/accounts';
import { PgAudit } from '../store/postgres/audit';
import { loadOrCreateAuditKey } from '../audit/audit-key';
import { PgSessions } from '../store/postgres/sessions';
import { PgSignInFailures } from '../store/postgres/sign-in-failures';
import { SqliteAccounts } from '../store/sqlite/accounts';
import { SqliteAudit } from '../store/sqlite/audit';
import { SqliteSessions } from '../store/sqlite/sessions';
import { SqliteSignInFailures } from '../store/sqlite/sign-in-failures';
import { withDatabase } from './configured-database';
import { readPassword } from './password-input';

const USAGE = `usage: npm run users -- add <username> --role <admin|operator|leader|device> --scope <adcode> [--name <display name>]
       npm run users -- name <username> --name <display name>
       npm run users -- passwd <username>
       npm run users -- disable <username> | enable <username>
       npm run users -- add-source <name> --scope <adcode>
       npm run users -- token <username>
       npm run users -- list
(add and passwd read the password from standard input; a device or a source has a token instead, printed once)`;

class UsageError extends Error {}

/** A value checked by `schema`, or a usage error naming the field. */
function checked<T>(field: string, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(`${field}: ${result.error.issues[0]?.message ?? 'is not valid'}`);
  return result.data;
}

const config = readConfig(process.env);
const scopes = new RegionScopes(regionPack(config.region));
const { values, positionals } = parseArgs({ options: { role: { type: 'string' }, scope: { type: 'string' }, name: { type: 'string' } }, allowPositionals: true });
const [command, name] = positionals;

const newPassword = async () => checked('password', passwordSchema, await readPassword('password: '));

/** The command the arguments ask for (a password read only once the rest is known to be good). */
async function commandOf(): Promise<AccountCommand> {
  switch (command) {
    case 'add':
    case 'add-source': {
      const username = checked('username', usernameSchema, name);
      // An upstream system's ingest key is an account of the `source` role.
      const role = command === 'add-source' ? 'source' : checked('--role', roleSchema, values.role);
      const scope = checked('--scope', scopeSchema(scopes), values.scope);
      const displayName = values.name === undefined ? undefined : checked('--name', displayNameSchema, values.name);
      return { kind: 'add', username, role, scope, ...(displayName === undefined ? {} : { displayName }), ...(holdsToken(role) ? {} : { password: await newPassword() }) };
    }
    case 'name':
      return { kind: 'name', username: checked('username', usernameSchema, name), displayName: checked('--name', displayNameSchema, values.name) };
    case 'passwd':
      return { kind: 'password', username: checked('username', usernameSchema, name), password: await newPassword() };
    case 'disable':
    case 'enable':
      return { kind: command, username: checked('username', usernameSchema, name) };
    case 'token':
      return { kind: 'new-token', username: checked('username', usernameSchema, name) };
    default:
      throw new UsageError(USAGE);
  }
}

function said(answer: AccountAnswer, cmd: AccountCommand): string {
  if (!answer.ok) throw new UsageError(answer.error);
  const { username, role, scope } = answer.account;
  const token = answer.token === undefined ? '' : `\ntoken (shown only now): ${answer.token}`;
  switch (cmd.kind) {
    case 'add':
      return `added ${username} (${role}, ${scopes.get(scope)?.name ?? scope})${token}`;
    case 'password':
      return `changed the password of ${username}`;
    case 'disable':
    case 'enable':
      return `${cmd.kind}d ${username}`;
    case 'name':
      return `${username} is now shown as ${cmd.displayName}`;
    case 'new-token':
      return `issued a new token for ${username}; the old one no longer works${token}`;
  }
}

/** Terminal columns a cell takes: Chinese characters take two. */
const columns = (text: string) => [...text].reduce((width, char) => width + (char.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);

async function run(desk: AccountDesk, audit: (entry: AuditEntry) => unknown): Promise<string> {
  if (command === 'list') {
    const rows = (await desk.list()).map((a) => [a.username, a.displayName ?? '', a.role, `${a.scope} ${scopes.get(a.scope)?.name ?? ''}`.trim(), a.disabled ? 'disabled' : 'active']);
    const table = [['username', 'name', 'role', 'scope', 'status'], ...rows];
    const widths = [0, 1, 2, 3].map((i) => Math.max(...table.map((row) => columns(row[i]!))));
    const padded = (cell: string, i: number) => (i < widths.length ? cell + ' '.repeat(widths[i]! - columns(cell)) : cell);
    return table.map((row) => row.map(padded).join('  ')).join('\n');
  }
  const cmd = await commandOf();
  const answer = await desk.apply(cmd, Date.now());
  const result = answer.ok ? 'ok' : String(answer.status);
  await audit({ atMs: Date.now(), actor: `cli:${os.userInfo().username}`, role: 'admin', scope: scopes.region.adcode, action: auditAction(cmd), object: cmd.username, result, address: 'localhost' });
  return said(answer, cmd);
}

try {
  const out = await withDatabase(config, {
    sqlite: (db) => {
      const audit = new SqliteAudit(db, loadOrCreateAuditKey(config.auditKeyFile));
      return run(new AccountDesk(new SqliteAccounts(db), new SqliteSessions(db), new SqliteSignInFailures(db)), (entry) => audit.append(entry));
    },
    postgres: (pool) => {
      const audit = new PgAudit(pool, loadOrCreateAuditKey(config.auditKeyFile));
      return run(new AccountDesk(new PgAccounts(pool), new PgSessions(pool), new PgSignInFailures(pool)), (entry) => audit.append(entry));
    },
  });
  process.stdout.write(`${out}\n`);
} catch (error) {
  process.stderr.write(`users: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
