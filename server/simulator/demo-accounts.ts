// `npm run demo` signs in with nothing set up: an admin, an operator and a leader over the whole
// region, each with a fresh random password every start, printed with the demo's other details.
// A demo's data dir may hold them from an earlier run; their passwords are replaced then.
import { randomBytes } from 'node:crypto';
import type { AccountRole } from '../accounts/account';
import type { AccountsApi } from '../accounts/accounts-api';

export interface DemoAccount {
  readonly username: string;
  readonly role: AccountRole;
  readonly password: string;
}

/** Each demo account's role and the name the room sees it by. */
const DEMO_ROLES: readonly { role: AccountRole; displayName: string }[] = [
  { role: 'admin', displayName: '系统管理员' },
  { role: 'operator', displayName: '值班民警' },
  { role: 'leader', displayName: '中心领导' },
];

export async function demoAccounts(store: Pick<AccountsApi, 'administerAccount'>, regionAdcode: string, nowMs: number): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = [];
  for (const { role, displayName } of DEMO_ROLES) {
    const account = { username: `demo.${role}`, role, password: randomBytes(12).toString('base64url') };
    const added = await store.administerAccount({ kind: 'add', username: account.username, role, scope: regionAdcode, password: account.password, displayName }, nowMs);
    if (!added.ok) {
      const reset = await store.administerAccount({ kind: 'password', username: account.username, password: account.password }, nowMs);
      if (!reset.ok) throw new Error(`demo account ${account.username}: ${reset.error}`);
      await store.administerAccount({ kind: 'enable', username: account.username }, nowMs);
    }
    accounts.push(account);
  }
  return accounts;
}
