// The audit trail over time (issue 14): every start is a record of the settings that bear on
// access and retention; exports are recorded; records older than FRAUDWALL_AUDIT_RETENTION_DAYS
// go from the chain's start in chunks, the removal itself chained, so `npm run verify` still
// passes — and still catches records removed any other way. Runs on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config';
import { signIn, storeAccount, asAccount } from '../support/accounts';
import { runVerify } from '../support/verify';
import { storedRows } from '../support/stored';
import { INGEST_TOKEN, ManualClock, OPERATOR_TOKEN, startServer, type TestServer } from '../support/test-server';

const DAY_MS = 86_400_000;
const clock = new ManualClock(Date.parse('2026-01-05T10:00:00+08:00'));
let server: TestServer;

const verify = () => runVerify(server);

const audit = () => storedRows<{ seq: number; at_ms: number; actor: string; action: string; object: string; result: string }>(server, 'SELECT seq, at_ms, actor, action, object, result FROM audit ORDER BY seq');
const postExport = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/v1/exports`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

beforeAll(async () => {
  server = await startServer({ clock });
  await storeAccount(server, 'sx.leader', 'leader', '330600', clock.ms);
});
afterAll(() => server.destroy());

describe('the audit trail', () => {
  it('records each start with the settings that bear on access and retention, never a token', async () => {
    const [start] = await audit();
    expect(start).toMatchObject({ actor: 'system', action: 'start', result: 'ok' });
    expect(JSON.parse(start!.object)).toMatchObject({ region: 'shaoxing', viewerToken: 'open', tokens: ['ingest', 'operator'], sessionIdleMinutes: 30, auditRetentionDays: 180 });
    expect(start!.object).not.toContain(INGEST_TOKEN);
    expect(start!.object).not.toContain(OPERATOR_TOKEN);
  });

  it('records an export once a minute per viewer, and refuses a bad one naming the field', async () => {
    const leader = await signIn(server.url, 'sx.leader');
    const exported = (headers: Record<string, string> = {}) => asAccount(server.url, leader, '/api/v1/exports', { method: 'POST', csrf: true, body: JSON.stringify({ kind: 'report', from: '2026-01-01', to: '2026-01-05' }), ...headers });
    expect((await exported()).status).toBe(204);
    expect((await exported()).status).toBe(204);
    // A session's POST needs its CSRF token, here as anywhere.
    expect((await asAccount(server.url, leader, '/api/v1/exports', { method: 'POST', body: '{}' })).status).toBe(403);
    expect((await postExport({ kind: 'briefing-png', from: '2026-01-01', to: '2026-01-05' })).status).toBe(204);
    const bad = await postExport({ kind: 'spreadsheet', from: '2026-01-01', to: 'today' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'kind: must be briefing-png or report; to: must be a date like 2026-12-03' });
    const exports = (await audit()).filter((r) => r.action === 'export').map((r) => [r.actor, r.object]);
    expect(exports).toEqual([
      ['sx.leader', 'report 2026-01-01..2026-01-05'],
      ['anonymous', 'briefing-png 2026-01-01..2026-01-05'],
    ]);
  });

  it('removes records older than the retention from the chain’s start, in chunks, and verify still passes', async () => {
    const before = await audit();
    // 100 days on, more happens; 200 days on, the first records are past the 180 days kept.
    clock.ms += 100 * DAY_MS;
    await signIn(server.url, 'sx.leader');
    const kept = (await audit()).filter((r) => r.at_ms === clock.ms);
    clock.ms += 100 * DAY_MS;
    expect(await server.app.retention.audit.run()).toBe(before.length);
    const after = await audit();
    expect(after.map((r) => r.seq)).toEqual([...kept.map((r) => r.seq), after.at(-1)!.seq]);
    expect(after.at(-1)).toMatchObject({ actor: 'system', action: 'audit-prune', result: `${before.length} removed` });
    expect(after.at(-1)!.object).toMatch(new RegExp(`^through ${before.at(-1)!.seq} k1:[0-9a-f]{64}$`));
    // Nothing more is due.
    expect(await server.app.retention.audit.run()).toBe(0);
    const ok = await verify();
    expect(ok.stdout).toMatch(/audit: OK — \d+ records, every one chained to the one before/);
    expect(ok.code).toBe(0);
  });

  it('is still caught when records are removed from its start any other way', async () => {
    const [first] = await audit();
    await storedRows(server, `DELETE FROM audit WHERE seq = ${first!.seq}`);
    const removed = await verify();
    expect(removed.code).toBe(1);
    expect(removed.stdout).toContain(`audit: record ${first!.seq + 1} is broken: the records before it were removed, but not by the retention (no removal record names them)`);
  });
});

describe('FRAUDWALL_AUDIT_RETENTION_DAYS', () => {
  it('is refused below 180 days, naming the setting', () => {
    expect(() => readConfig({ FRAUDWALL_AUDIT_RETENTION_DAYS: '90' })).toThrow('FRAUDWALL_AUDIT_RETENTION_DAYS: must be at least 180: audit records are kept at least six months');
    expect(readConfig({ FRAUDWALL_AUDIT_RETENTION_DAYS: '365' }).auditRetentionDays).toBe(365);
  });
});
