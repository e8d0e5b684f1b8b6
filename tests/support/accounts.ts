// Accounts for the tests, written straight into the server's database (either engine), as
// `npm run users -- add` would leave them.
import { hashPassword } from '../../server/accounts/password';
import { storedRows, type StoredIn } from './stored';

export const TEST_PASSWORD = 'a long enough passphrase';

export async function storeAccount(where: StoredIn, username: string, role: string, scope: string, nowMs: number, password = TEST_PASSWORD): Promise<void> {
  await storedRows(where, 'INSERT INTO accounts (username, role, scope, password_hash, created_ms, updated_ms) VALUES ($1, $2, $3, $4, $5, $6)', [
    username,
    role,
    scope,
    await hashPassword(password),
    nowMs,
    nowMs,
  ]);
}
