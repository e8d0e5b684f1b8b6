// Accounts for the tests, written straight into the server's database (either engine), as
// `npm run users -- add` would leave them.
import { hashPassword } from '../../server/accounts/password';
import { storedRows, type StoredIn } from './stored';

export const TEST_PASSWORD = 'a long enough passphrase';

export async function storeAccount(where: StoredIn, username: string, role: string, scope: string, nowMs: number, password = TEST_PASSWORD, displayName: string | null = null): Promise<void> {
  await storedRows(where, 'INSERT INTO accounts (username, role, scope, password_hash, created_ms, updated_ms, display_name) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    username,
    role,
    scope,
    await hashPassword(password),
    nowMs,
    nowMs,
    displayName,
  ]);
}

/** A signed-in browser: its session cookie and the CSRF token its changes must carry. */
export interface SignedIn {
  readonly cookie: string;
  readonly csrf: string;
}

/** Signs in through POST /api/v1/session, as the console does; throws if refused. */
export async function signIn(url: string, username: string, password = TEST_PASSWORD): Promise<SignedIn> {
  const answer = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (answer.status !== 204) throw new Error(`sign-in of ${username} answered ${answer.status}: ${await answer.text()}`);
  const cookie = (answer.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await (await fetch(`${url}/api/v1/session`, { headers: { cookie } })).json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** A request as a signed-in account; `csrf` sends the session's CSRF token. */
export function asAccount(url: string, who: SignedIn, path: string, init: RequestInit & { csrf?: boolean } = {}): Promise<Response> {
  const { csrf, ...rest } = init;
  return fetch(`${url}${path}`, {
    ...rest,
    headers: { cookie: who.cookie, 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': who.csrf } : {}) },
  });
}

/** A new upstream source's ingest key, made by a signed-in admin on /api/v1/accounts; throws if refused. */
export async function sourceKey(url: string, admin: SignedIn, username: string, scope: string): Promise<string> {
  const added = await asAccount(url, admin, '/api/v1/accounts', { method: 'POST', csrf: true, body: JSON.stringify({ username, role: 'source', scope }) });
  if (added.status !== 201) throw new Error(`adding source ${username} answered ${added.status}: ${await added.text()}`);
  return ((await added.json()) as { token: string }).token;
}
