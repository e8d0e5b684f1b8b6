// Alarms from two nodes of one PostgreSQL database (issue 26): both follow the same escalations
// and both run an alarm desk, yet each alarm reaches its robot once — one node holds the sending
// lease, and a subject is queued once per repeat whichever node raises it. When the sending node
// stops, the other takes over within the lease and sends what the first left waiting.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contact, SHAOXING, warning } from '../fixtures/events';
import { signIn, storeAccount } from '../support/accounts';
import { addAlertTarget } from '../support/alert-targets';
import { FakeRobots } from '../support/fake-robots';
import { createDatabase, HAS_POSTGRES, startPostgres, type Postgres } from '../support/postgres';
import { startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

let postgres: Postgres;
let robots: FakeRobots;
let nodes: TestServer[] = [];
const keyFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'fraudwall-key-')), 'audit.key');

const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
const escalate = (node: TestServer, id: string) =>
  node.ingest([warning(id, at(45), { county: SHAOXING.keqiao }), contact(`${id}-c`, id, at(45), { county: SHAOXING.keqiao, result: 'unreachable' })]);

describe.skipIf(!HAS_POSTGRES)('alarms on two nodes of one PostgreSQL database', () => {
  beforeAll(async () => {
    postgres = await startPostgres();
    robots = await FakeRobots.start();
    const url = await createDatabase(postgres.url, 'alarms');
    const startNode = () =>
      startServer({
        alertTiming: { roundEveryMs: 100, rulesEveryMs: 200, backoffMs: [300] },
        env: { FRAUDWALL_DATABASE_URL: url, FRAUDWALL_AUDIT_KEY_FILE: keyFile, FRAUDWALL_ALERT_REPEAT_MINUTES: '60' },
      });
    nodes = await Promise.all([startNode(), startNode()]);
    const [a] = nodes as [TestServer, TestServer];
    await storeAccount(a, 'sx.admin', 'admin', '330600', Date.now());
    const admin = await signIn(a.url, 'sx.admin');
    await addAlertTarget(a.url, admin, { name: '绍兴钉钉', kind: 'dingtalk', url: robots.dingtalk('sx-duty'), scope: '330600', rules: ['overdue'] });
  }, 60_000);
  afterAll(async () => {
    for (const node of nodes) await node.destroy().catch(() => {});
    await robots.close();
    postgres?.destroy();
  });

  it('sends each alarm once, whichever node took the escalation', async () => {
    const [a, b] = nodes as [TestServer, TestServer];
    await escalate(a, 'two-w1');
    await escalate(b, 'two-w2');
    await escalate(a, 'two-w3');
    await waitFor(() => {
      for (const id of ['two-w1', 'two-w2', 'two-w3']) expect(robots.takenBy('dingtalk:sx-duty').filter((m) => m.text.includes(id))).toHaveLength(1);
    }, 20_000);
    // More rounds on both nodes change nothing: every alarm was queued once and sent once.
    for (let i = 0; i < 3; i++) await Promise.all(nodes.map((node) => node.app.alerts.runRound()));
    expect(robots.takenBy('dingtalk:sx-duty')).toHaveLength(3);
  });

  it('hands the sending over when the sending node stops, and sends what waited once', async () => {
    robots.mode = 'reset';
    const [a, b] = nodes as [TestServer, TestServer];
    await escalate(b, 'two-w4');
    // Waiting in the shared outbox, refused so far.
    await waitFor(async () => {
      const metrics = await (await fetch(`${a.url}/metrics`)).text();
      expect(metrics).toMatch(/fraudwall_alert_pending_messages\{target="绍兴钉钉"\} 1\n/);
      expect(metrics).toMatch(/fraudwall_alert_failed_attempts\{target="绍兴钉钉"\} [1-9]/);
    }, 20_000);
    await a.close();
    await b.close();
    robots.mode = 'ok';
    const c = await startServer({
      alertTiming: { roundEveryMs: 100, rulesEveryMs: 200, backoffMs: [300] },
      env: { FRAUDWALL_DATABASE_URL: b.databaseUrl ?? '', FRAUDWALL_AUDIT_KEY_FILE: keyFile, FRAUDWALL_ALERT_REPEAT_MINUTES: '60' },
    });
    nodes.push(c);
    await waitFor(() => expect(robots.takenBy('dingtalk:sx-duty').filter((m) => m.text.includes('two-w4'))).toHaveLength(1), 40_000);
    await c.app.alerts.runRound();
    expect(robots.takenBy('dingtalk:sx-duty').filter((m) => m.text.includes('two-w4'))).toHaveLength(1);
  }, 60_000);
});
