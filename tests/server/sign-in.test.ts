// Signing in with an account (issue 14): a session cookie as the standard asks (HttpOnly,
// SameSite=Strict), five failed sign-ins of a name from an address lock that pair for 15 minutes, an idle session ends
// after FRAUDWALL_SESSION_IDLE_MINUTES and any after 12 hours, signing out needs the session's
// CSRF token, a disabled account's session ends, and the store never holds a usable session id.
// Runs on both engines (the conformance suite).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeAccount, TEST_PASSWORD } from '../support/accounts';
import { storedRows } from '../support/stored';
import { ManualClock, startServer, type TestServer } from '../support/test-server';

const clock = new ManualClock(Date.parse('2026-12-02T09:00:00+08:00'));
let server: TestServer;
const PASSWORD = TEST_PASSWORD;

const addAccount = (username: string) => storeAccount(server, username, 'operator', '330602', clock.ms);

const signIn = (body: unknown) =>
  fetch(`${server.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The session cookie a sign-in set, as the browser sends it back. */
const cookieOf = (response: Response) => (response.headers.get('set-cookie') ?? '').split(';')[0]!;

const session = (cookie: string) => fetch(`${server.url}/api/v1/session`, { headers: { cookie } });

const minutes = (n: number) => (clock.ms += n * 60_000);

beforeAll(async () => {
  server = await startServer({ clock });
  for (const name of ['wang', 'li', 'zhao', 'qian', 'sun']) await addAccount(name);
});
afterAll(() => server.destroy());

describe('sign-in', () => {
  it('opens a session with an HttpOnly, SameSite=Strict cookie and says who is signed in', async () => {
    const answer = await signIn({ username: 'wang', password: PASSWORD });
    expect(answer.status).toBe(204);
    const setCookie = answer.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^fraudwall_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    const me = await session(cookieOf(answer));
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ username: 'wang', role: 'operator', scope: '330602', csrfToken: expect.stringMatching(/^[\w-]{32}$/) });
    expect((await session('')).status).toBe(401);
    // The store holds the id only as its hash: the table alone signs no one in.
    const id = cookieOf(answer).split('=')[1]!;
    const stored = await storedRows<{ id_hash: string }>(server, "SELECT id_hash FROM sessions WHERE username = 'wang'");
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id_hash).not.toContain(id);
  });

  it('answers a wrong password and an unknown name alike, and a bad body naming the field', async () => {
    for (const body of [{ username: 'li', password: 'not the password' }, { username: 'nobody', password: PASSWORD }]) {
      const refused = await signIn(body);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ error: 'the username or password is wrong' });
      expect(refused.headers.get('set-cookie')).toBeNull();
    }
    expect(await (await signIn({ username: 'li' })).json()).toEqual({ error: 'password: must be a string' });
    expect((await signIn({ username: 'li', password: PASSWORD, by: 'x' })).status).toBe(400);
  });

  it('refuses a name from an address for 15 minutes after five failures there, then forgets them', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn({ username: 'zhao', password: `wrong guess ${i}` })).status).toBe(401);
    const locked = await signIn({ username: 'zhao', password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBe(900);
    minutes(15);
    // The failures went with the lock: one more wrong guess does not lock the name again.
    expect((await signIn({ username: 'zhao', password: 'one more wrong guess' })).status).toBe(401);
    expect((await signIn({ username: 'zhao', password: PASSWORD })).status).toBe(204);
    // A success starts the count again: four more failures do not lock it.
    for (let i = 0; i < 4; i++) expect((await signIn({ username: 'zhao', password: `wrong again ${i}` })).status).toBe(401);
    expect((await signIn({ username: 'zhao', password: PASSWORD })).status).toBe(204);
  });

  it('ends a session idle for FRAUDWALL_SESSION_IDLE_MINUTES (30), and any session 12 hours after sign-in', async () => {
    const idle = cookieOf(await signIn({ username: 'qian', password: PASSWORD }));
    minutes(29);
    expect((await session(idle)).status).toBe(200);
    minutes(29);
    expect((await session(idle)).status).toBe(200);
    minutes(31);
    expect((await session(idle)).status).toBe(401);

    const busy = cookieOf(await signIn({ username: 'qian', password: PASSWORD }));
    for (let hour = 0; hour < 12 * 3; hour++) {
      expect((await session(busy)).status, `after ${hour * 20} minutes`).toBe(200);
      minutes(20);
    }
    expect((await session(busy)).status).toBe(401);
  });

  it('signs out only with the session’s CSRF token, and ends a disabled account’s session', async () => {
    const cookie = cookieOf(await signIn({ username: 'sun', password: PASSWORD }));
    const { csrfToken } = (await (await session(cookie)).json()) as { csrfToken: string };
    const signOut = (token?: string) =>
      fetch(`${server.url}/api/v1/session`, { method: 'DELETE', headers: { cookie, ...(token === undefined ? {} : { 'x-csrf-token': token }) } });
    expect((await signOut()).status).toBe(403);
    expect((await signOut('a-forged-token')).status).toBe(403);
    expect((await session(cookie)).status).toBe(200);
    const out = await signOut(csrfToken);
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^fraudwall_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
    expect((await session(cookie)).status).toBe(401);

    const again = cookieOf(await signIn({ username: 'sun', password: PASSWORD }));
    await storedRows(server, "UPDATE accounts SET disabled = NOT disabled WHERE username = 'sun'");
    expect((await session(again)).status).toBe(401);
    expect((await signIn({ username: 'sun', password: PASSWORD })).status).toBe(401);
  });

  it('counts failed sign-ins against the address, as failed tokens are, and refuses it before checking anything', async () => {
    minutes(60);
    for (let i = 0; i < 20; i++) expect((await signIn({ username: `ghost${i}`, password: PASSWORD })).status).toBe(401);
    const refused = await signIn({ username: 'ghost-21', password: PASSWORD });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Refused before any hash: right credentials from that address wait out the minute too…
    expect((await signIn({ username: 'wang', password: PASSWORD })).status).toBe(429);
    minutes(1);
    // …and are let in once it is over.
    expect((await signIn({ username: 'wang', password: PASSWORD })).status).toBe(204);
  });
});
