// Hands for the room across nodes (issue 25): a scene pushed on one node reaches a wall held by
// the other within the cross-node budget (a second); a wall that fails over comes back in its
// scene on the node it reaches; two operators claiming the same escalation on two nodes at the
// same moment get one 201 and one 409, and every node's wall shows the one holder.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushedScene } from '../../shared/protocol/wall-scene';
import { contact, SHAOXING, warning } from '../fixtures/events';
import { asAccount, signIn, storeAccount } from '../support/accounts';
import { createDatabase, HAS_POSTGRES, startPostgres, type Postgres } from '../support/postgres';
import { OPERATOR_TOKEN, startServer, type TestServer } from '../support/test-server';
import { WallClient } from '../support/wall-client';
import { waitFor } from '../support/wait-for';

let postgres: Postgres;
let url: string;
let nodes: TestServer[] = [];
let wallToken = '';
const walls: WallClient[] = [];
const keyFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'fraudwall-key-')), 'audit.key');
const startNode = () => startServer({ env: { FRAUDWALL_DATABASE_URL: url, FRAUDWALL_AUDIT_KEY_FILE: keyFile } });

/** A wall with the device's token on `node` — which learns of a device added on the other node within its directory's reload. */
async function wallOn(node: TestServer): Promise<WallClient> {
  const wall = await waitFor(async () => {
    const attempt = new WallClient(node.url, wallToken);
    try {
      await attempt.connected();
      return attempt;
    } catch (error) {
      attempt.close();
      throw error;
    }
  }, 15_000);
  walls.push(wall);
  await waitFor(() => expect(wall.direction).toBeDefined());
  return wall;
}

describe.skipIf(!HAS_POSTGRES)('hands for the room on two nodes of one PostgreSQL database', () => {
  beforeAll(async () => {
    postgres = await startPostgres();
    url = await createDatabase(postgres.url, 'hands');
    nodes = await Promise.all([startNode(), startNode()]);
    const [a] = nodes as [TestServer, TestServer];
    const now = Date.now();
    await storeAccount(a, 'sx.op', 'operator', '330600', now, undefined, '张三');
    await storeAccount(a, 'sx.op2', 'operator', '330600', now, undefined, '李四');
    await storeAccount(a, 'sx.admin', 'admin', '330600', now);
    const admin = await signIn(a.url, 'sx.admin');
    const added = await asAccount(a.url, admin, '/api/v1/accounts', { method: 'POST', csrf: true, body: JSON.stringify({ username: 'sx.left', role: 'device', scope: '330600', displayName: '会商室左屏' }) });
    wallToken = ((await added.json()) as { token: string }).token;
    const at = (ago: number) => new Date(Date.now() - ago).toISOString();
    await a.ingest([
      warning('hn-w1', at(120_000), { county: SHAOXING.keqiao }),
      contact('hn-c1', 'hn-w1', at(60_000), { county: SHAOXING.keqiao, result: 'unreachable' }),
    ]);
  }, 60_000);
  afterAll(async () => {
    for (const wall of walls) wall.close();
    await Promise.all(nodes.map((node) => node.destroy()));
    postgres?.destroy();
  });

  it('brings a scene pushed on one node to a wall on the other within a second', async () => {
    const [a, b] = nodes as [TestServer, TestServer];
    const wall = await wallOn(b);
    const operator = await signIn(a.url, 'sx.op');
    const sent = Date.now();
    const answer = await asAccount(a.url, operator, '/api/v1/walls/scene', { method: 'POST', csrf: true, body: JSON.stringify({ scope: '330600', scene: { kind: 'briefing', period: 'month' }, minutes: 30 }) });
    expect(answer.status).toBe(201);
    const pushed = (await answer.json()) as PushedScene;
    await waitFor(() => expect(wall.direction?.scene?.id).toBe(pushed.id), 1_000);
    expect(wall.directions.at(-1)!.receivedAt - sent).toBeLessThan(1_000);
    expect(wall.direction?.scene).toMatchObject({ by: '张三', scene: { kind: 'briefing', period: 'month' } });
  });

  it('keeps a wall in its scene when it fails over to the other node', async () => {
    const [a, b] = nodes as [TestServer, TestServer];
    const onB = await wallOn(b);
    const scene = onB.direction?.scene;
    expect(scene).toBeDefined();
    onB.close();
    // The node it reaches next never saw it connect: it sends the scene from the shared store.
    const onA = await wallOn(a);
    expect(onA.direction?.scene).toEqual(scene);
  });

  it('gives one 201 and one 409 when two operators on two nodes claim together, and both nodes show the holder', async () => {
    const [a, b] = nodes as [TestServer, TestServer];
    const [zhang, li] = [await signIn(a.url, 'sx.op'), await signIn(b.url, 'sx.op2')];
    const answers = await Promise.all([
      asAccount(a.url, zhang, '/api/v1/escalations/hn-w1/claim', { method: 'POST', csrf: true }),
      asAccount(b.url, li, '/api/v1/escalations/hn-w1/claim', { method: 'POST', csrf: true }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const holder = answers[0]!.status === 201 ? '张三' : '李四';
    const refused = answers.find((answer) => answer.status === 409)!;
    expect((await refused.json()).error).toMatch(new RegExp(`held by ${holder}`));
    for (const node of [a, b]) {
      await waitFor(async () => expect((await node.snapshot(OPERATOR_TOKEN)).activeEscalations.find((e) => e.warningId === 'hn-w1')?.holder).toBe(holder), 1_000);
    }
  });
});
