// Who is signed in on a desk page (the console, the admin page), and whether they may use it: a
// session the browser still holds (a reload) lets them straight in; a session the server has
// ended (idle, disabled) brings the sign-in form back with the reason.
import { currentSession, signOut, type AccountRole, type AccountSession } from './account-session';

export class AccountGate {
  account = $state.raw<AccountSession | undefined>(undefined);
  /** Whether the page has asked for a session yet: the form is not shown before. */
  checked = $state(false);
  /** Why the form is back, if it is. */
  notice = $state('');

  constructor(readonly roles: readonly AccountRole[]) {
    void currentSession().then((session) => {
      if (session && roles.includes(session.role)) this.account = session;
      this.checked = true;
    });
  }

  signedIn(session: AccountSession): void {
    this.notice = '';
    this.account = session;
  }

  async leave(): Promise<void> {
    if (this.account) await signOut(this.account);
    this.notice = '';
    this.account = undefined;
  }

  /** The server no longer knows the session. */
  ended(): void {
    this.notice = '登录已失效，请重新登录';
    this.account = undefined;
  }
}
