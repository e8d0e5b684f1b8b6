// The browser's side of signing in with an account (issue 14): the session lives in an HttpOnly
// cookie the page never sees; what the page knows is who is signed in and the CSRF token its
// changes must send back (X-CSRF-Token).
import type { AccountRole, SessionView } from '../../shared/protocol/account';

export type { AccountRole };
export type AccountSession = SessionView;

/** The people who may read the figures (the briefing, the report): a device has a token instead. */
export const VIEWING_ROLES: readonly AccountRole[] = ['leader', 'admin', 'operator'];

export type SignInResult = { ok: true; session: AccountSession } | { ok: false; error: string };

/** Who is signed in, if anyone. */
export async function currentSession(): Promise<AccountSession | undefined> {
  const response = await fetch('/api/v1/session');
  return response.ok ? ((await response.json()) as AccountSession) : undefined;
}

export async function signIn(username: string, password: string): Promise<SignInResult> {
  try {
    const response = await fetch('/api/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (response.status === 204) {
      const session = await currentSession();
      return session ? { ok: true, session } : { ok: false, error: '登录未能保持，请检查浏览器是否允许 Cookie' };
    }
    if (response.status === 401) return { ok: false, error: '用户名或密码错误' };
    if (response.status === 429) return { ok: false, error: '登录失败次数过多，账号或地址已暂时锁定，请稍后再试' };
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    return { ok: false, error: body.error ?? `登录失败（HTTP ${response.status}）` };
  } catch (error) {
    return { ok: false, error: `无法连接服务器：${error instanceof Error ? error.message : String(error)}` };
  }
}

/** How this server lets people sign in: always with a password, and through the identity provider if configured. */
export async function signInMethods(): Promise<{ password: boolean; oidc: boolean }> {
  try {
    const response = await fetch('/api/v1/session/methods');
    return response.ok ? ((await response.json()) as { password: boolean; oidc: boolean }) : { password: true, oidc: false };
  } catch {
    return { password: true, oidc: false };
  }
}

export async function signOut(session: AccountSession): Promise<void> {
  await fetch('/api/v1/session', { method: 'DELETE', headers: { 'x-csrf-token': session.csrfToken } }).catch(() => undefined);
}
