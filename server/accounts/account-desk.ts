// Carries out an admin's account commands (account-command.ts) against the store's tables. A
// person's password is hashed here, on a store thread; a device or a source gets a token instead. Disabling
// an account or changing its password ends its sessions: whoever held them signs in again.
import type { DeviceList } from '../auth/identity';
import { accountView, holdsToken, type AccountRecord, type AccountTable, type AccountView } from './account';
import type { AccountAnswer, AccountCommand } from './account-command';
import { deviceTokenHash, newDeviceToken } from '../auth/device-token';
import { hashPassword } from './password';
import type { SignInThrottleTable } from './sign-in-throttle';
import type { SessionTable } from './session-store';

const refused = (status: 400 | 404 | 409, error: string): AccountAnswer => ({ ok: false, status, error });

export class AccountDesk {
  constructor(
    private readonly accounts: AccountTable,
    private readonly sessions: SessionTable,
    private readonly throttle: SignInThrottleTable,
  ) {}

  async apply(command: AccountCommand, nowMs: number): Promise<AccountAnswer> {
    if (command.kind === 'add') return this.#add(command, nowMs);
    const account = await this.accounts.get(command.username);
    if (!account) return refused(404, `username: there is no account ${command.username}`);
    const tokenHolder = holdsToken(account.role);
    switch (command.kind) {
      case 'password':
        if (tokenHolder) return refused(400, `password: a ${account.role} has a token, not a password`);
        await this.accounts.setPassword(account.username, await hashPassword(command.password), nowMs);
        // A new password is also how an admin lets a locked-out person back in.
        await this.throttle.clearName(account.username);
        await this.sessions.removeAll(account.username);
        return this.#done(account.username);
      case 'disable':
      case 'enable':
        await this.accounts.setDisabled(account.username, command.kind === 'disable', nowMs);
        if (command.kind === 'disable') await this.sessions.removeAll(account.username);
        return this.#done(account.username);
      case 'name':
        await this.accounts.setDisplayName(account.username, command.displayName, nowMs);
        return this.#done(account.username);
      case 'new-token': {
        if (!tokenHolder) return refused(400, 'username: only a device or a source has a token');
        const token = newDeviceToken();
        await this.accounts.setTokenHash(account.username, deviceTokenHash(token), nowMs);
        return this.#done(account.username, token);
      }
    }
  }

  async list(): Promise<AccountView[]> {
    return (await this.accounts.list()).map(accountView);
  }

  /** Every enabled device and source with its token's hash. */
  async devices(): Promise<DeviceList> {
    const enabled = (await this.accounts.tokenHolders()).flatMap(({ username, role, scope, tokenHash }) => (tokenHash === null ? [] : [{ username, role, scope, tokenHash }]));
    return { enabled, deviceAccounts: await this.accounts.countDevices() };
  }

  async #add(command: Extract<AccountCommand, { kind: 'add' }>, nowMs: number): Promise<AccountAnswer> {
    const { username, role, scope, password, displayName } = command;
    const token = holdsToken(role) ? newDeviceToken() : undefined;
    if (token === undefined && password === undefined) return refused(400, 'password: a person needs a password');
    const account: AccountRecord = {
      username,
      role,
      scope,
      passwordHash: password === undefined || token !== undefined ? '' : await hashPassword(password),
      tokenHash: token === undefined ? null : deviceTokenHash(token),
      disabled: false,
      createdMs: nowMs,
      updatedMs: nowMs,
      lockedUntilMs: 0,
      displayName: displayName ?? null,
    };
    if ((await this.accounts.add(account)) === 'exists') return refused(409, `username: ${username} is already taken`);
    return { ok: true, account: accountView(account), ...(token === undefined ? {} : { token }) };
  }

  async #done(username: string, token?: string): Promise<AccountAnswer> {
    const account = await this.accounts.get(username);
    if (!account) return refused(404, `username: there is no account ${username}`);
    return { ok: true, account: accountView(account), ...(token === undefined ? {} : { token }) };
  }
}
