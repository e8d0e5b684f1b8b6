// Alert targets (issue 26): GET/POST/PATCH/DELETE /api/v1/alert-targets for admins within their
// scope, bodies checked naming the field, a secret (and a robot URL's key) never shown again,
// never in the audit trail or the log; targets from FRAUDWALL_ALERT_TARGETS_FILE listed and
// fixed, a bad file stopping the server naming the entry. Runs on both engines.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertTargetView } from '../../shared/protocol/alert-target';
import { readConfig } from '../../server/config';
import { SHAOXING } from '../fixtures/events';
import { asAccount, signIn, storeAccount, type SignedIn } from '../support/accounts';
import { capturingLogger, startServer, type TestServer } from '../support/test-server';

const SECRET = 'SECa1b2c3d4e5f6g7h8i9';
const TOKEN = 'dd0123456789abcdef0123456789abcdef';
const dingtalk = { name: '绍兴值班群', kind: 'dingtalk', url: `https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`, secret: SECRET, scope: '330600', rules: ['overdue', 'storage'] };
const fileDir = mkdtempSync(path.join(tmpdir(), 'fraudwall-targets-'));
const targetsFile = path.join(fileDir, 'targets.json');
const fileTarget = { name: '省厅转发网关', kind: 'webhook', url: 'http://gateway.internal/fraudwall', secret: 'file-secret-0001', scope: '330600', rules: ['surge', 'feed'] };
writeFileSync(targetsFile, JSON.stringify([fileTarget]));

const { logger, lines } = capturingLogger();
let server: TestServer;
let admin: SignedIn;
let keqiaoAdmin: SignedIn;
let operator: SignedIn;

const call = (who: SignedIn, pathname: string, method = 'GET', body?: unknown) =>
  asAccount(server.url, who, pathname, { method, csrf: method !== 'GET', ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
const list = async (who: SignedIn) => (await (await call(who, '/api/v1/alert-targets')).json()) as AlertTargetView[];

beforeAll(async () => {
  server = await startServer({ logger, env: { FRAUDWALL_ALERT_TARGETS_FILE: targetsFile } });
  const now = Date.now();
  await storeAccount(server, 'sx.admin', 'admin', '330600', now);
  await storeAccount(server, 'kq.admin', 'admin', SHAOXING.keqiao, now);
  await storeAccount(server, 'sx.op', 'operator', '330600', now);
  admin = await signIn(server.url, 'sx.admin');
  keqiaoAdmin = await signIn(server.url, 'kq.admin');
  operator = await signIn(server.url, 'sx.op');
});
afterAll(async () => {
  await server.destroy();
  rmSync(fileDir, { recursive: true, force: true });
});

describe('alert targets', () => {
  it('saves a target and never shows its secret or the URL’s key again', async () => {
    const created = await call(admin, '/api/v1/alert-targets', 'POST', dingtalk);
    expect(created.status).toBe(201);
    const text = await created.text();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
    const view = JSON.parse(text) as AlertTargetView;
    expect(view).toMatchObject({ name: '绍兴值班群', kind: 'dingtalk', hasSecret: true, scope: '330600', scopeName: '绍兴市', rules: ['overdue', 'storage'], source: 'admin' });
    expect(view.url).toBe('https://oapi.dingtalk.com/robot/send?access_token=dd01…');
    expect(view.health).toEqual({ state: 'idle', sent: 0, failed: 0, pending: 0 });
    const listed = await list(admin);
    expect(listed.map((t) => [t.name, t.source])).toEqual([
      ['省厅转发网关', 'file'],
      ['绍兴值班群', 'admin'],
    ]);
    expect(JSON.stringify(listed)).not.toMatch(/file-secret|SECa1b2/);
  });

  it('refuses bad bodies, naming the field', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...dingtalk, name: 'x', kind: 'telegram' }, /^kind: must be one of dingtalk, wecom, feishu, webhook/],
      [{ ...dingtalk, name: 'x', url: 'https://oapi.dingtalk.com/robot/send' }, /^url: must be a DingTalk robot URL with its access_token/],
      [{ ...dingtalk, name: 'x', kind: 'wecom' }, /^url: must be a WeCom robot URL with its key/],
      [{ ...dingtalk, name: 'x', kind: 'feishu' }, /^url: must be a Feishu bot URL ending in its hook/],
      [{ ...dingtalk, name: 'x', url: 'ftp://example.com/?access_token=1' }, /^url: must be an http:\/\/ or https:\/\/ URL/],
      [{ ...dingtalk, name: 'x', rules: [] }, /^rules: must name at least one rule/],
      [{ ...dingtalk, name: 'x', rules: ['overdue', 'overdue'] }, /^rules: must name each rule once/],
      [{ ...dingtalk, name: 'x', rules: ['everything'] }, /^rules\.0: must be one of overdue, surge, feed, storage/],
      [{ ...dingtalk, name: 'x', secret: 'short' }, /^secret: must be at least 8 characters/],
      [{ ...dingtalk, name: 'x', scope: '110000' }, /^scope: must be the adcode of 绍兴市/],
      [{ ...dingtalk, name: '', }, /^name: must not be empty/],
      [{ ...dingtalk, name: 'x', token: 'y' }, /token: is not a known field/],
    ];
    for (const [body, error] of cases) {
      const answer = await call(admin, '/api/v1/alert-targets', 'POST', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect((await answer.json()).error).toMatch(error);
    }
    expect((await call(admin, '/api/v1/alert-targets', 'POST', dingtalk)).status).toBe(409);
    expect((await call(admin, '/api/v1/alert-targets', 'POST', { ...fileTarget, secret: 'another-secret' })).status).toBe(409);
  });

  it('keeps each admin to their scope, and the targets to admins', async () => {
    expect(await list(keqiaoAdmin)).toEqual([]);
    const outside = await call(keqiaoAdmin, '/api/v1/alert-targets', 'POST', { ...dingtalk, name: '柯桥', scope: '330600' });
    expect(outside.status).toBe(403);
    expect((await outside.json()).error).toBe('scope: you administer 柯桥区 (330603) only');
    expect((await call(keqiaoAdmin, '/api/v1/alert-targets', 'POST', { ...dingtalk, name: '柯桥', scope: SHAOXING.keqiao })).status).toBe(201);
    expect((await list(keqiaoAdmin)).map((t) => t.name)).toEqual(['柯桥']);
    expect((await call(keqiaoAdmin, `/api/v1/alert-targets/${encodeURIComponent('绍兴值班群')}`, 'DELETE')).status).toBe(404);
    expect((await call(operator, '/api/v1/alert-targets')).status).toBe(403);
    const noCsrf = await asAccount(server.url, admin, '/api/v1/alert-targets', { method: 'POST', body: JSON.stringify({ ...dingtalk, name: 'y' }), headers: { 'content-type': 'application/json' } });
    expect(noCsrf.status).toBe(403);
  });

  it('changes a target in part, removes its secret on null, and leaves the file’s alone', async () => {
    const name = encodeURIComponent('绍兴值班群');
    const changed = await call(admin, `/api/v1/alert-targets/${name}`, 'PATCH', { rules: ['overdue', 'surge', 'feed', 'storage'] });
    expect(changed.status, await changed.clone().text()).toBe(200);
    expect(await changed.json()).toMatchObject({ rules: ['overdue', 'surge', 'feed', 'storage'], hasSecret: true });
    expect(await (await call(admin, `/api/v1/alert-targets/${name}`, 'PATCH', { secret: null })).json()).toMatchObject({ hasSecret: false });
    const badKind = await call(admin, `/api/v1/alert-targets/${name}`, 'PATCH', { kind: 'feishu' });
    expect(badKind.status).toBe(400);
    expect((await badKind.json()).error).toMatch(/^url: must be a Feishu bot URL/);
    const fixed = await call(admin, `/api/v1/alert-targets/${encodeURIComponent('省厅转发网关')}`, 'PATCH', { rules: ['feed'] });
    expect(fixed.status).toBe(409);
    expect((await fixed.json()).error).toMatch(/defined in FRAUDWALL_ALERT_TARGETS_FILE/);
    expect((await call(admin, `/api/v1/alert-targets/${encodeURIComponent('柯桥')}`, 'DELETE')).status).toBe(200);
    expect((await list(admin)).map((t) => t.name)).toEqual(['省厅转发网关', '绍兴值班群']);
  });

  it('records every change by name only: no secret or key in the audit trail or the log', async () => {
    const audit = await (await call(admin, '/api/v1/audit?action=alert-target')).text();
    expect(audit).toContain('绍兴值班群');
    expect(audit).not.toContain(SECRET);
    expect(audit).not.toContain(TOKEN);
    expect(JSON.stringify(lines)).not.toContain(SECRET);
    expect(JSON.stringify(lines)).not.toContain(TOKEN);
  });

  it('stops at start on a bad targets file, naming the entry and the field', () => {
    const bad = path.join(fileDir, 'bad.json');
    writeFileSync(bad, JSON.stringify([fileTarget, { ...fileTarget, name: '坏的', url: 'https://oapi.dingtalk.com/robot/send', kind: 'dingtalk' }]));
    expect(() => readConfig({ FRAUDWALL_ALERT_TARGETS_FILE: bad })).toThrow(
      'invalid configuration: FRAUDWALL_ALERT_TARGETS_FILE: entry 2 ("坏的"): url: must be a DingTalk robot URL with its access_token (…/robot/send?access_token=…)',
    );
    writeFileSync(bad, JSON.stringify([fileTarget, fileTarget]));
    expect(() => readConfig({ FRAUDWALL_ALERT_TARGETS_FILE: bad })).toThrow('entry 2 ("省厅转发网关"): name: another entry has this name');
    writeFileSync(bad, '{');
    expect(() => readConfig({ FRAUDWALL_ALERT_TARGETS_FILE: bad })).toThrow(/FRAUDWALL_ALERT_TARGETS_FILE: cannot read it as JSON/);
  });
});
