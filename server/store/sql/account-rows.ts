// The accounts table in either engine: the same statements (`?` or `$n` placeholders) and the
// same rows back into records.
import type { AccountRecord, AccountRole } from '../../accounts/account';

export interface AccountRow {
  username: string;
  role: string;
  scope: string;
  password_hash: string;
  token_hash: string | null;
  /** SQLite answers 0/1, PostgreSQL a boolean. */
  disabled: number | boolean;
  created_ms: number;
  updated_ms: number;
  display_name: string | null;
  /** The latest lock of this name from any address (sign_in_failures). */
  locked_until_ms: number;
}

export function toAccount(row: AccountRow): AccountRecord {
  return {
    username: row.username,
    // Only values the account schema let through are stored.
    role: row.role as AccountRole,
    scope: row.scope,
    passwordHash: row.password_hash,
    tokenHash: row.token_hash,
    disabled: Boolean(row.disabled),
    createdMs: row.created_ms,
    updatedMs: row.updated_ms,
    lockedUntilMs: row.locked_until_ms,
    displayName: row.display_name,
  };
}

/** An account's row; its sign-in locks are its pairs' (accounts/sign-in-throttle.ts), not its own. */
const SELECT = `SELECT username, role, scope, password_hash, token_hash, disabled, created_ms, updated_ms, display_name,
  COALESCE((SELECT max(f.locked_until_ms) FROM sign_in_failures f WHERE f.username = accounts.username), 0) AS locked_until_ms
  FROM accounts`;

/** The statements in either engine's placeholders: `placeholder(n)` is the n-th parameter, in the order they appear (SQLite's `?` binds by position). */
export function accountStatements(placeholder: (n: number) => string) {
  const [a, b, c, d, e, f, g, h, i] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map(placeholder);
  return {
    add: `INSERT INTO accounts (username, role, scope, password_hash, token_hash, disabled, created_ms, updated_ms, display_name)
          VALUES (${a}, ${b}, ${c}, ${d}, ${e}, ${f}, ${g}, ${h}, ${i}) ON CONFLICT (username) DO NOTHING`,
    /** display_name, updated_ms, username */
    setDisplayName: `UPDATE accounts SET display_name = ${a}, updated_ms = ${b} WHERE username = ${c}`,
    /** password_hash, updated_ms, username */
    setPassword: `UPDATE accounts SET password_hash = ${a}, updated_ms = ${b} WHERE username = ${c}`,
    /** disabled, updated_ms, username */
    setDisabled: `UPDATE accounts SET disabled = ${a}, updated_ms = ${b} WHERE username = ${c}`,
    /** role, scope, updated_ms, username: an account the identity provider describes */
    setRoleScope: `UPDATE accounts SET role = ${a}, scope = ${b}, updated_ms = ${c} WHERE username = ${d}`,
    /** token_hash, updated_ms, username */
    setTokenHash: `UPDATE accounts SET token_hash = ${a}, updated_ms = ${b} WHERE username = ${c}`,
    get: `${SELECT} WHERE username = ${a}`,
    byTokenHash: `${SELECT} WHERE token_hash = ${a}`,
    list: `${SELECT} ORDER BY username`,
    countDevices: "SELECT count(*) AS n FROM accounts WHERE role = 'device'",
    /** Every enabled device and source: what each node reloads every few seconds. */
    tokenHolders: `${SELECT} WHERE token_hash IS NOT NULL AND NOT disabled`,
  };
}
