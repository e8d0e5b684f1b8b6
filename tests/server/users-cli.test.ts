// npm run users (issue 14): accounts added, listed, re-passworded, disabled and enabled from the
// command line, in the database the server is configured with; the password read from standard
// input and kept only as an Argon2id hash at OWASP's parameters; bad input refused naming the
// field, with nothing stored.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for';
import { passwordMatches } from '../../server/accounts/password';
import { storedRows } from '../support/stored';
import { startServer, type TestServer } from '../support/test-server';

let server: TestServer;

/** The CLI as `npm run users` runs it (from source here), with `input` on standard input. */
function users(args: string[], input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'server/cli/users.ts', ...args],
      { env: { ...process.env, FRAUDWALL_DATA_DIR: server.dataDir, ...(server.databaseUrl === undefined ? {} : { FRAUDWALL_DATABASE_URL: server.databaseUrl }) } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
    child.stdin!.end(input);
  });
}

const stored = async () => storedRows<{ username: string; role: string; scope: string; password_hash: string }>(server, 'SELECT username, role, scope, password_hash FROM accounts ORDER BY username');

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.destroy());

// Each run starts Node and compiles the CLI (about 2 s here): a test of several runs needs more than the default.
describe('npm run users', { timeout: 90_000 }, () => {
  it('adds an account with its password from standard input, kept only as an Argon2id hash', async () => {
    const added = await users(['add', 'zhang.wei', '--role', 'operator', '--scope', '330602'], 'correct horse battery\n');
    expect(added).toMatchObject({ code: 0, stdout: 'added zhang.wei (operator, 越城区)\n' });
    const [account] = await stored();
    expect(account).toMatchObject({ username: 'zhang.wei', role: 'operator', scope: '330602' });
    expect(account!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await passwordMatches(account!.password_hash, 'correct horse battery')).toBe(true);
    expect(await passwordMatches(account!.password_hash, 'correct horse battery\n')).toBe(false);
  });

  it('lists accounts with display name, role, scope and status, never a hash', async () => {
    await users(['add', 'leader-1', '--role', 'leader', '--scope', '330600', '--name', '王局'], 'another long password');
    const { code, stdout } = await users(['list']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^username\s+name\s+role\s+scope\s+status$/);
    expect(stdout).toMatch(/^leader-1\s+王局\s+leader\s+330600 绍兴市\s+active$/m);
    expect(stdout).toMatch(/^zhang\.wei\s+operator\s+330602 越城区\s+active$/m);
    // A display name is what the room sees on cards, claims and scene badges.
    expect((await users(['name', 'zhang.wei', '--name', '张伟'])).stdout).toBe('zhang.wei is now shown as 张伟\n');
    expect((await users(['list'])).stdout).toMatch(/^zhang\.wei\s+张伟\s+operator\s+330602 越城区\s+active$/m);
    const hidden = await users(['name', 'zhang.wei', '--name', '张\u202e伟']);
    expect(hidden.code).toBe(2);
    expect(hidden.stderr).toMatch(/--name: must not contain invisible or control characters/);
    expect(stdout).not.toContain('$argon2');
  });

  it('refuses bad input naming the field, and stores nothing', async () => {
    const before = await stored();
    const refusals = [
      [['add', 'Zhang Wei', '--role', 'operator', '--scope', '330602'], 'long enough password', /^users: username: must be 2–32 characters/],
      [['add', 'li', '--role', 'chief', '--scope', '330602'], 'long enough password', /^users: --role: must be one of admin, operator, leader, device/],
      [['add', 'li', '--role', 'operator', '--scope', '110000'], 'long enough password', /^users: --scope: must be the adcode of 绍兴市 \(330600\)/],
      [['add', 'li', '--role', 'operator', '--scope', '330602'], 'short', /^users: password: must be at least 12 characters/],
      [['add', 'zhang.wei', '--role', 'admin', '--scope', '330600'], 'long enough password', /^users: username: zhang\.wei is already taken/],
      [['disable', 'nobody'], '', /^users: username: there is no account nobody/],
      [['promote', 'zhang.wei'], '', /^users: usage: npm run users -- add/],
    ] as const;
    const answers = await Promise.all(refusals.map(([args, input]) => users([...args], input)));
    refusals.forEach(([args, , message], i) => {
      expect(answers[i]!.code, `${args.join(' ')}: ${answers[i]!.stderr}`).toBe(2);
      expect(answers[i]!.stderr).toMatch(message);
    });
    expect(await stored()).toEqual(before);
  });

  it('changes a password, and disables and enables an account', async () => {
    expect(await users(['passwd', 'zhang.wei'], 'a brand new passphrase')).toEqual({ code: 0, stdout: 'changed the password of zhang.wei\n', stderr: '' });
    const hash = (await stored()).find((a) => a.username === 'zhang.wei')!.password_hash;
    expect(await passwordMatches(hash, 'a brand new passphrase')).toBe(true);
    expect(await passwordMatches(hash, 'correct horse battery')).toBe(false);

    expect((await users(['disable', 'zhang.wei'])).stdout).toBe('disabled zhang.wei\n');
    expect((await users(['list'])).stdout).toMatch(/^zhang\.wei\s+张伟\s+operator\s+330602 越城区\s+disabled$/m);
    expect((await users(['enable', 'zhang.wei'])).stdout).toBe('enabled zhang.wei\n');
    expect((await users(['list'])).stdout).toMatch(/^zhang\.wei\s+张伟\s+operator\s+330602 越城区\s+active$/m);
  });

  it('adds a device and an upstream source with a token instead of a password, and replaces a token', async () => {
    const added = await users(['add', 'kq.wall', '--role', 'device', '--scope', '330603']);
    expect(added.code).toBe(0);
    const [line, tokenLine] = added.stdout.trim().split('\n');
    expect(line).toBe('added kq.wall (device, 柯桥区)');
    const token = /^token \(shown only now\): (fwd_\S+)$/.exec(tokenLine ?? '')?.[1];
    expect(token).toBeDefined();
    // The server hears of a device added elsewhere within a second (device-directory.ts).
    await waitFor(async () => {
      const snapshot = await fetch(`${server.url}/api/v1/snapshot`, { headers: { authorization: `Bearer ${token}` } });
      expect(((await snapshot.json()) as { scope: { adcode: string } }).scope.adcode).toBe('330603');
    });

    const renewed = await users(['token', 'kq.wall']);
    expect(renewed.stdout).toMatch(/^issued a new token for kq\.wall; the old one no longer works\ntoken \(shown only now\): fwd_\S+\n$/);
    expect(await users(['token', 'zhang.wei'])).toMatchObject({ code: 2, stderr: 'users: username: only a device or a source has a token\n' });
    // An upstream system's ingest key, limited to its county.
    const source = await users(['add-source', 'kq.platform', '--scope', '330603']);
    expect(source.stdout).toMatch(/^added kq\.platform \(source, 柯桥区\)\ntoken \(shown only now\): fwd_\S+\n$/);
    const audit = await storedRows<{ actor: string; action: string; object: string; result: string }>(
      server,
      "SELECT actor, action, object, result FROM audit WHERE action LIKE 'account-%' OR action = 'device-token' ORDER BY seq",
    );
    // Refusals the store gave (a name taken, no such account) are recorded too; bad arguments
    // never reach it. (The refusals above ran side by side: their order is not fixed.)
    expect(audit.map((r) => `${r.action} ${r.object} ${r.result}`).sort()).toEqual([
      'account-add zhang.wei ok',
      'account-add leader-1 ok',
      'account-name zhang.wei ok',
      'account-add zhang.wei 409',
      'account-disable nobody 404',
      'account-password zhang.wei ok',
      'account-disable zhang.wei ok',
      'account-enable zhang.wei ok',
      'account-add kq.wall ok',
      'device-token kq.wall ok',
      'device-token zhang.wei 400',
      'account-add kq.platform ok',
    ].sort());
    expect(audit.every((r) => r.actor.startsWith('cli:'))).toBe(true);
  });
});
