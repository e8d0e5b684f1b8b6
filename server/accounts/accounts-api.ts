// What sign-in and account administration ask of the store.
import type { AccountView } from './account';
import type { AccountAnswer, AccountCommand } from './account-command';
import type { DeviceList } from '../auth/identity';
import type { SessionView, SignInAnswer, SignInCheck, VouchedSignInAnswer } from './sign-in';
import type { VouchedIdentity } from './sso-binding';

export interface SessionsApi {
  /** What a password sign-in is checked against, and whether it is refused before any check (sign-in.ts). */
  signInCheck(username: string, address: string, nowMs: number): Promise<SignInCheck>;
  /** Counts a failed password sign-in of the (name, address) pair: until when the pair is now locked (0: not). */
  signInFailed(username: string, address: string, nowMs: number): Promise<number>;
  /** The password matched `checkedHash`: opens a session, unless the account changed since the check. */
  signInSucceeded(username: string, address: string, checkedHash: string, nowMs: number): Promise<SignInAnswer>;
  /** Opens a session for a person the identity provider vouched for (sign-in.ts). */
  signInVouched(identity: VouchedIdentity, nowMs: number): Promise<VouchedSignInAnswer>;
  /** The live session a browser's session id names, if any; `use`: false to check it without keeping it from going idle. */
  sessionOf(sessionId: string, nowMs: number, use?: boolean): Promise<SessionView | undefined>;
  signOut(sessionId: string): Promise<void>;
}

export interface AccountsApi {
  /** An admin's change to an account (account-desk.ts). */
  administerAccount(command: AccountCommand, nowMs: number): Promise<AccountAnswer>;
  /** Every account, by username, without hashes (a few hundred at most). */
  accountList(): Promise<AccountView[]>;
  /** Every enabled device and its token's hash, and how many device accounts exist, for each node's directory (device-directory.ts). */
  devices(): Promise<DeviceList>;
}
