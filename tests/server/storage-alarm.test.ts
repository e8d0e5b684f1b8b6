// The storage rule (issue 26): when the store cannot keep writes for longer than the grace
// (shortened here from a minute), every target asking for `storage` is told straight away — the
// outbox is in the failing store — and told again when writes are kept; the audit records of
// both wait in memory until the store takes them. SQLite: another process holds the write lock.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../server/store/sqlite/open-database';
import { warning } from '../fixtures/events';
import { asAccount, signIn, storeAccount, type SignedIn } from '../support/accounts';
import { addAlertTarget } from '../support/alert-targets';
import { FakeRobots } from '../support/fake-robots';
import { startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

const SECRET = 'feishu-storage-secret';
let robots: FakeRobots;
let server: TestServer;
let admin: SignedIn;

beforeAll(async () => {
  robots = await FakeRobots.start();
  server = await startServer({ alertTiming: { roundEveryMs: 100, rulesEveryMs: 200, backoffMs: [200], storageGraceMs: 1_000, storageCheckEveryMs: 100 } });
  await storeAccount(server, 'sx.admin', 'admin', '330600', Date.now());
  admin = await signIn(server.url, 'sx.admin');
  for (const target of [
    { name: '技术值班飞书', kind: 'feishu', url: robots.feishu('tech-duty', SECRET), secret: SECRET, scope: '330600', rules: ['storage'] },
    { name: '值班长钉钉', kind: 'dingtalk', url: robots.dingtalk('chief'), scope: '330600', rules: ['overdue'] },
  ]) {
    await addAlertTarget(server.url, admin, target);
  }
});
afterAll(async () => {
  await server.destroy();
  await robots.close();
});

describe('the storage alarm', () => {
  it('tells the storage targets once writes have failed past the grace, and again when they are kept', async () => {
    const blocker = new Database(path.join(server.dataDir, DATABASE_FILE));
    blocker.exec('BEGIN EXCLUSIVE');
    let failedAt = 0;
    try {
      expect((await server.post([warning('st-1', new Date().toISOString())])).status).toBe(503);
      failedAt = Date.now();
      const alarm = await waitFor(() => {
        const found = robots.takenBy('feishu:tech-duty').find((m) => m.text.includes('数据写入异常'));
        expect(found).toBeDefined();
        return found!;
      }, 30_000);
      // Not before the grace: one failed write is not an alarm.
      expect(alarm.atMs - failedAt).toBeGreaterThanOrEqual(900);
      expect(alarm.text).toMatch(/自 \d\d:\d\d 起无法保存新数据/);
      expect(alarm.text).toContain('请立即通知值班技术人员');
      // Only the targets that asked for it.
      expect(robots.takenBy('dingtalk:chief')).toEqual([]);
    } finally {
      blocker.exec('ROLLBACK');
      blocker.close();
    }
    await waitFor(() => expect(robots.takenBy('feishu:tech-duty').some((m) => m.text.includes('数据写入已恢复'))).toBe(true), 30_000);
    // Said once while it lasted (the repeat is 15 minutes), and once recovered.
    expect(robots.takenBy('feishu:tech-duty').map((m) => m.text.split('\n')[0])).toEqual(['【反诈预警】数据写入异常 · 绍兴市公安局反诈中心', '【反诈预警】数据写入已恢复 · 绍兴市公安局反诈中心']);
    // Both deliveries reached the audit trail once the store took writes again.
    await waitFor(async () => {
      const audit = (await (await asAccount(server.url, admin, '/api/v1/audit?action=alert-message')).json()) as { object: string; result: string }[];
      expect(audit.filter((r) => r.object.includes('"rule":"storage"') && r.result === 'sent')).toHaveLength(2);
    });
  }, 60_000);
});
