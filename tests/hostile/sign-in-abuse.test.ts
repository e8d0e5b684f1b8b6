// Issue 22, items 1, 3 and 4: sign-in as an attacker uses it.
// - Nobody can lock a person out: five wrong passwords lock the (name, address) pair, not the
//   account — the person signs in from their own desk meanwhile — and once the lock is over one
//   more wrong guess does not lock it again; repeated locks of the pair grow longer.
// - Names cannot be enumerated: an unknown name and a wrong password get the same status, body
//   and Retry-After at every attempt, the sixth included.
// - The audit trail grows with who signs in, not with how many attempts: a minute of failures
//   of one name from one address is one record with a count.
// - A flood of anonymous sign-ins is answered 429 with Retry-After, never 503, and ingest keeps
//   answering 200 beside it.
// Runs on both engines (the conformance suite).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warning } from '../fixtures/events';
import { NAMES_PER_ADDRESS } from '../../server/audit/merged-failures';
import { storeAccount, TEST_PASSWORD } from '../support/accounts';
import { storedRows } from '../support/stored';
import { ManualClock, startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

const clock = new ManualClock(Date.parse('2026-12-03T10:00:30+08:00'));
let server: TestServer;

beforeAll(async () => {
  // Behind a trusted proxy, X-Forwarded-For tells the test's addresses apart.
  server = await startServer({ clock, env: { FRAUDWALL_TRUST_PROXY: 'loopback' } });
  for (const name of ['victim.person', 'enum.real', 'audit.real']) await storeAccount(server, name, 'operator', '330602', clock.ms);
});
afterAll(() => server.destroy());

const signIn = (username: string, password: string, from: string) =>
  fetch(`${server.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ username, password }),
  });

const minutes = (n: number) => (clock.ms += n * 60_000);

/** What a client can tell apart: status, body, Retry-After. */
const answerOf = async (response: Response) => ({ status: response.status, body: await response.text(), retryAfter: response.headers.get('retry-after') });

describe('sign-in under attack', () => {
  it('locks the attacker’s pair, never the person, forgets the failures with the lock, and backs off', async () => {
    const attacker = '203.0.113.9';
    for (let i = 0; i < 5; i++) expect((await signIn('victim.person', `guess ${i}`, attacker)).status).toBe(401);
    expect((await signIn('victim.person', TEST_PASSWORD, attacker)).status).toBe(429);
    // The person, at their own desk, is not locked out.
    expect((await signIn('victim.person', TEST_PASSWORD, '10.1.2.3')).status).toBe(204);

    minutes(15);
    // One request every 15 minutes is not enough to keep them out: the lock's failures are gone.
    expect((await signIn('victim.person', 'guess after the lock', attacker)).status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await signIn('victim.person', `more guesses ${i}`, attacker)).status).toBe(401);
    // The fifth in the window locks the pair again, for twice as long.
    expect((await signIn('victim.person', 'the fifth', attacker)).status).toBe(401);
    const again = await signIn('victim.person', TEST_PASSWORD, attacker);
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBe(30 * 60);
  });

  it('answers an unknown name exactly as it answers a wrong password, the sixth attempt too', async () => {
    minutes(60);
    for (let attempt = 1; attempt <= 6; attempt++) {
      const real = await answerOf(await signIn('enum.real', `wrong ${attempt}`, '198.51.100.1'));
      const unknown = await answerOf(await signIn('enum.nobody', `wrong ${attempt}`, '198.51.100.1'));
      expect(unknown, `attempt ${attempt}`).toEqual(real);
      expect(real.status).toBe(attempt <= 5 ? 401 : 429);
    }
    // Both wrote their failure: the same row for each name.
    const rows = await storedRows<{ username: string }>(server, "SELECT username FROM sign_in_failures WHERE address = '198.51.100.1' ORDER BY username");
    expect(rows.map((row) => row.username)).toEqual(['enum.nobody', 'enum.real']);
  });

  it('merges a minute of failures of one name from one address into one audit record with a count', async () => {
    minutes(60);
    // 4 failures (no lock yet) and 3 refused attempts of the same name from one address, in one minute.
    for (let i = 0; i < 4; i++) await signIn('audit.real', `wrong ${i}`, '192.0.2.50');
    for (let i = 0; i < 16; i++) await signIn('audit.real', `wrong again ${i}`, '192.0.2.50');
    minutes(1);
    type Row = { actor: string; result: string; object: string; address: string };
    const records = await waitFor(async () => {
      const rows = await storedRows<Row>(server, "SELECT actor, result, object, address FROM audit WHERE action = 'sign-in' AND address = '192.0.2.50' ORDER BY seq");
      if (rows.length < 2) throw new Error(`${rows.length} sign-in records from 192.0.2.50 so far`);
      return rows;
    });
    expect(records).toEqual([
      { actor: 'audit.real', result: 'invalid', object: '5 attempts', address: '192.0.2.50' },
      { actor: 'audit.real', result: 'refused', object: '15 attempts', address: '192.0.2.50' },
    ]);
  });

  it('bounds what one address spraying names adds to the audit trail in a minute', async () => {
    minutes(60);
    // Thirty: within the address's burst at the gate (http/anonymous-gate.ts), so every one reaches sign-in.
    for (let i = 0; i < 30; i++) await signIn(`spray-${i}`, 'not a password', '192.0.2.99');
    minutes(1);
    type Row = { actor: string; result: string; object: string };
    const records = await waitFor(async () => {
      const rows = await storedRows<Row>(server, "SELECT actor, result, object FROM audit WHERE address = '192.0.2.99' ORDER BY seq");
      if (rows.length < NAMES_PER_ADDRESS + 1) throw new Error(`${rows.length} records from 192.0.2.99 so far`);
      return rows;
    });
    // Twenty names, one record each; every attempt after, under the name "*", in one record.
    expect(records).toHaveLength(NAMES_PER_ADDRESS + 1);
    expect(records.at(-1)).toEqual({ actor: '*', result: 'refused', object: '10 attempts' });
  });

  it('answers a flood of anonymous sign-ins 429 with Retry-After, never 503, while ingest goes on', async () => {
    minutes(60);
    const flood = Array.from({ length: 256 }, (_, i) => signIn(`flood-${i}`, 'not a password', `100.64.${i >> 8}.${i & 255}`));
    const ingest = server.post([warning('during-the-flood', new Date(clock.ms - 60_000).toISOString())]);
    const answers = await Promise.all(flood);
    expect((await ingest).status).toBe(200);
    const statuses = new Set(answers.map((answer) => answer.status));
    expect([...statuses].sort()).toEqual([401, 429]);
    for (const answer of answers.filter((a) => a.status === 429)) expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
