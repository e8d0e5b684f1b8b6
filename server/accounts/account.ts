// A person or a device that signs in (issue 14): one account each, never a shared token. Every
// account has a role and a scope — the province, a city or a county — and sees and acts only
// inside it.
import { z } from 'zod';
import { freeText } from '../../shared/schema/events';
import type { RegionScopes } from '../../shared/region';

import { ACCOUNT_ROLES, holdsToken, type AccountRole, type AccountView } from '../../shared/protocol/account';

export { ACCOUNT_ROLES, holdsToken, type AccountRole, type AccountView };

/** What the store keeps of an account; the password only as its Argon2id hash. */
export interface AccountRecord {
  readonly username: string;
  readonly role: AccountRole;
  /** The adcode of the region, or of a city or county inside it. */
  readonly scope: string;
  /** Empty for a device or a source: it has a token, not a password, and no password matches an empty hash. */
  readonly passwordHash: string;
  /** A device's or a source's token, only as its SHA-256 (device-token.ts); null for a person. */
  readonly tokenHash: string | null;
  readonly disabled: boolean;
  readonly createdMs: number;
  readonly updatedMs: number;
  /** Sign-in under this name refused from some address until then (epoch ms; 0: never); sign-in-throttle.ts. */
  readonly lockedUntilMs: number;
  /** What the room calls the account (张三, 会商室左屏): on wall cards, claims and scene badges; null: its username. */
  readonly displayName: string | null;
}

export const accountView = ({ username, role, scope, disabled, lockedUntilMs, createdMs, updatedMs, displayName }: AccountRecord): AccountView => ({
  username,
  ...(displayName === null ? {} : { displayName }),
  role,
  scope,
  disabled,
  lockedUntilMs,
  createdMs,
  updatedMs,
});

export const usernameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'must be 2–32 characters: lower-case letters, digits, . _ -, starting with a letter or digit');

/** The name the room sees on wall cards, claims and badges: a person's (张三) or a screen's (会商室左屏). */
export const displayNameSchema = freeText(32).trim().min(1, 'must not be empty');

export const roleSchema = z.enum(ACCOUNT_ROLES, { error: `must be one of ${ACCOUNT_ROLES.join(', ')}` });

/** Long enough to resist guessing with the lockout in front of it; no rules of composition (NIST SP 800-63B). */
export const PASSWORD_MIN_CHARS = 12;
export const PASSWORD_MAX_CHARS = 256;

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_CHARS, `must be at least ${PASSWORD_MIN_CHARS} characters`)
  .max(PASSWORD_MAX_CHARS, `must be at most ${PASSWORD_MAX_CHARS} characters`);

/** A scope of this deployment's region, or why not. */
export function scopeSchema(scopes: RegionScopes) {
  const region = scopes.region;
  return z.string().refine((adcode) => scopes.get(adcode) !== undefined, `must be the adcode of ${region.name} (${region.adcode}) or of a city or county inside it`);
}

/** What an account change may be refused for, as the store answers it. */
export type AccountChange = 'done' | 'exists' | 'missing';

/** The accounts table, as each engine keeps it. */
export interface AccountTable {
  add(account: AccountRecord): AccountChange | Promise<AccountChange>;
  setPassword(username: string, passwordHash: string, nowMs: number): AccountChange | Promise<AccountChange>;
  setDisabled(username: string, disabled: boolean, nowMs: number): AccountChange | Promise<AccountChange>;
  /** The role and scope an identity provider now gives an account it signs in. */
  setRoleScope(username: string, role: AccountRole, scope: string, nowMs: number): AccountChange | Promise<AccountChange>;
  setDisplayName(username: string, displayName: string | null, nowMs: number): AccountChange | Promise<AccountChange>;
  /** A device's new token (its hash); the one before stops working. */
  setTokenHash(username: string, tokenHash: string, nowMs: number): AccountChange | Promise<AccountChange>;
  get(username: string): AccountRecord | undefined | Promise<AccountRecord | undefined>;
  /** The device whose token hashes to `tokenHash`, if any. */
  byTokenHash(tokenHash: string): AccountRecord | undefined | Promise<AccountRecord | undefined>;
  /** Accounts of the device role, enabled or not. */
  countDevices(): number | Promise<number>;
  /** Every enabled account that holds a token (a device, a source). */
  tokenHolders(): AccountRecord[] | Promise<AccountRecord[]>;
  /** Every account, by username (an admin's list: a few hundred at most). */
  list(): AccountRecord[] | Promise<AccountRecord[]>;
}
