// Accounts as the API shows them (issue 14): a person, a device or an upstream system, with a
// role and a scope.
// Never a hash, a password or a token.

/** `source`: an upstream system's ingest key, limited to its scope. */
export const ACCOUNT_ROLES = ['admin', 'operator', 'leader', 'device', 'source'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** The accounts that hold a long-lived token instead of a password: a wall or kiosk, an upstream system. */
export const TOKEN_ROLES: readonly AccountRole[] = ['device', 'source'];
export const holdsToken = (role: AccountRole) => TOKEN_ROLES.includes(role);

/** GET /api/v1/accounts: what an admin's list shows of each account. */
export interface AccountView {
  readonly username: string;
  /** What the room calls it (张三, 会商室左屏), when an admin gave it a name. */
  readonly displayName?: string;
  readonly role: AccountRole;
  /** The adcode of the region, or of a city or county inside it. */
  readonly scope: string;
  readonly disabled: boolean;
  /** Sign-in under this name refused from some address until then, after failures there (epoch ms); 0: never. */
  readonly lockedUntilMs: number;
  readonly createdMs: number;
  readonly updatedMs: number;
}

/** GET /api/v1/session: who is signed in, and the CSRF token their changes must send back. */
export interface SessionView {
  readonly username: string;
  readonly role: AccountRole;
  readonly scope: string;
  readonly csrfToken: string;
}
