// Who a request or a socket is, as the gate sees it: an account's name, role and scope — a
// person signed in, or a device or upstream source holding a token.
import type { AccountRole } from '../../shared/protocol/account';

export interface AccountIdentity {
  readonly username: string;
  readonly role: AccountRole;
  readonly scope: string;
}

/** An enabled account holding a token, as each node's directory keeps it (device-directory.ts). */
export interface DeviceEntry extends AccountIdentity {
  readonly tokenHash: string;
}

/** What each node's device directory loads: the enabled token holders, and whether any wall device account exists at all. */
export interface DeviceList {
  readonly enabled: DeviceEntry[];
  /** Device accounts, enabled or disabled: once there is one, walls need a token (issue 22). */
  readonly deviceAccounts: number;
}
