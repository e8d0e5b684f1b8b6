// Victims' data kept only as long as needed (issue 14): FRAUDWALL_PII_RETENTION_DAYS after an
// event was received, its victim's phone and name are erased from the stored event, the
// warnings projection and the dead letters — from the SQLite file itself, log included — while
// every count, rollup and statistic stays as it was, `npm run verify` passes and the old event
// re-sent is still a duplicate. Runs on both engines.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config';
import { contact, SHAOXING, warning } from '../fixtures/events';
import { storedRows } from '../support/stored';
import { ManualClock, OPERATOR_TOKEN, startServer, TEST_ENGINE, type TestServer } from '../support/test-server';
import { runVerify } from '../support/verify';

const DAY_MS = 86_400_000;
const clock = new ManualClock(Date.parse('2026-03-02T10:00:00+08:00'));
let server: TestServer;

// Digits and a name that occur nowhere else, so a search of the files finds only them.
const OLD_PHONE = '13977001122';
const OLD_NAME = '欧阳娜娜';
const NEW_PHONE = '13566003344';
const oldWarning = warning('pii-w1', '2026-03-02T09:00:00+08:00', { county: SHAOXING.keqiao, victim: { phone: OLD_PHONE, name: OLD_NAME } });

const warningsRow = (id: string) => storedRows<{ phone: string; name: string | null }>(server, 'SELECT phone, name FROM warnings WHERE id = $1', [id]);
const bodyOf = async (id: string) => JSON.parse((await storedRows<{ body: string }>(server, 'SELECT body FROM events WHERE id = $1', [id]))[0]!.body) as { victim?: unknown };
/**
 * Whether a file holds `text`, read by another process: closing a descriptor this process opened
 * on the database would drop SQLite's POSIX locks on it, and the next process to close it would
 * take the write-ahead log for unused and delete it.
 */
function fileHolds(file: string, text: string): boolean {
  const script = 'process.stdout.write(String(require("node:fs").readFileSync(process.argv[1]).includes(Buffer.from(process.argv[2]))))';
  return execFileSync(process.execPath, ['-e', script, file, text], { encoding: 'utf8' }) === 'true';
}

const counts = () => storedRows(server, 'SELECT day, county, metric, value FROM rollups ORDER BY day, county, metric');
const stats = async () => (await fetch(`${server.url}/api/v1/stats?from=2026-03-01&to=2026-09-30&groupBy=county`)).json();

beforeAll(async () => {
  server = await startServer({ clock });
  await server.ingest([oldWarning, contact('pii-c1', 'pii-w1', '2026-03-02T09:05:00+08:00', { county: SHAOXING.keqiao, result: 'unreachable' })]);
  // A dead letter holding a victim: a warning with a level no one knows.
  const refused = await server.post([{ ...warning('pii-bad', '2026-03-02T09:10:00+08:00'), level: 'extreme', victim: { phone: OLD_PHONE, name: OLD_NAME } }]);
  expect(((await refused.json()) as { rejected: unknown[] }).rejected).toHaveLength(1);
  // Dead letters of every other shape a sender can give them (issue 22): a bare string, an
  // array, one cut at its size limit, and one whose id is the victim's phone.
  const shapes = await server.post([
    `${OLD_PHONE} ${OLD_NAME}`,
    [OLD_PHONE, { name: OLD_NAME }],
    { ...warning('pii-long', '2026-03-02T09:11:00+08:00'), level: 'extreme', victim: { phone: OLD_PHONE, name: OLD_NAME }, padding: 'x'.repeat(5_000) },
    { ...warning(OLD_PHONE, '2026-03-02T09:12:00+08:00'), level: 'extreme' },
  ]);
  expect(((await shapes.json()) as { rejected: unknown[] }).rejected).toHaveLength(4);
  // Well inside the retention when the job runs: kept.
  clock.ms += 100 * DAY_MS;
  await server.ingest([warning('pii-w2', '2026-06-10T09:00:00+08:00', { county: SHAOXING.zhuji, victim: { phone: NEW_PHONE, name: '王芳' } })]);
  clock.ms += 100 * DAY_MS;
});
afterAll(() => server.destroy());

describe('after FRAUDWALL_PII_RETENTION_DAYS', () => {
  let rollupsBefore: unknown;
  let statsBefore: unknown;

  it('erases the victim from the stored event, the projection and the dead letter, and keeps the newer ones', async () => {
    rollupsBefore = await counts();
    statsBefore = await stats();
    expect(await server.app.retention.pii.run()).toBeGreaterThan(0);
    expect((await bodyOf('pii-w1')).victim).toEqual({ phone: '' });
    expect(await warningsRow('pii-w1')).toEqual([{ phone: '', name: null }]);
    const letters = await storedRows<{ event: string; event_id: string | null }>(server, 'SELECT event, event_id FROM rejected ORDER BY seq');
    expect(letters.map((letter) => JSON.parse(letter.event) as unknown)).toEqual([
      // What kind of event, when and where, if it held what those fields may; nothing else.
      { erased: true, type: 'warning', at: '2026-03-02T09:10:00+08:00', county: SHAOXING.keqiao, source: 'city', fraudType: 'rebate' },
      { erased: true },
      { erased: true },
      { erased: true },
      { erased: true, type: 'warning', at: '2026-03-02T09:12:00+08:00', county: SHAOXING.keqiao, source: 'city', fraudType: 'rebate' },
    ]);
    expect(letters.map((letter) => letter.event_id)).toEqual([null, null, null, null, null]);
    const rejectedAnswer = await (await fetch(`${server.url}/api/v1/rejected?limit=100`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } })).text();
    for (const text of [OLD_PHONE, OLD_NAME]) expect(rejectedAnswer).not.toContain(text);
    expect((await bodyOf('pii-w2')).victim).toEqual({ phone: NEW_PHONE, name: '王芳' });
    expect(await warningsRow('pii-w2')).toEqual([{ phone: NEW_PHONE, name: '王芳' }]);
    // A second run finds nothing more to do.
    expect(await server.app.retention.pii.run()).toBe(0);
  });

  it.runIf(TEST_ENGINE === 'sqlite')('leaves no copy in the database file or its write-ahead log', () => {
    const files = readdirSync(server.dataDir).filter((name) => name.startsWith('fraudwall.sqlite'));
    expect(files).toContain('fraudwall.sqlite');
    const holding = (text: string) => files.filter((name) => fileHolds(path.join(server.dataDir, name), text));
    expect(holding(OLD_PHONE)).toEqual([]);
    expect(holding(OLD_NAME)).toEqual([]);
    // The newer victim is still there: the search finds what is stored.
    expect(holding(NEW_PHONE).length).toBeGreaterThan(0);
  });

  it('changes no count, rollup or statistic, and verify still passes', async () => {
    expect(await counts()).toEqual(rollupsBefore);
    expect(await stats()).toEqual(statsBefore);
    const verified = await runVerify(server);
    expect(verified.stdout).toContain('OK');
    expect(verified.code).toBe(0);
  });

  // (After this, the changed event's dead letter holds the victim again: it was just received.)
  it('still knows the old event re-sent as a duplicate, and a changed one as a conflict', async () => {
    const again = await server.post([oldWarning]);
    expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 1, rejected: [] });
    const changed = await server.post([{ ...oldWarning, level: 'low' }]);
    expect(((await changed.json()) as { rejected: { id: string }[] }).rejected.map((r) => r.id)).toEqual(['pii-w1']);
  });

  it('shows the operators no erased data', async () => {
    const list = await (await fetch(`${server.url}/api/v1/escalations`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } })).text();
    expect(list).toContain('pii-w1');
    expect(list).not.toContain(OLD_PHONE);
    expect(list).not.toContain(OLD_NAME);
  });

});

describe('FRAUDWALL_PII_RETENTION_DAYS', () => {
  it('is a whole number of days, 180 unless set', () => {
    expect(readConfig({}).piiRetentionDays).toBe(180);
    expect(() => readConfig({ FRAUDWALL_PII_RETENTION_DAYS: '0' })).toThrow('FRAUDWALL_PII_RETENTION_DAYS: must be at least 1');
  });
});
