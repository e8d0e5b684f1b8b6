// Issue 22, item 5: tampering with the audit trail is found by someone who can only write the
// database. The chain is keyed by a file outside it, and its head is anchored in another file,
// so `npm run verify` names the damage when records are cut from its end, when all are deleted,
// when some are edited or removed and the rest rehashed, when records or a retention prune are
// forged — and a seq is never given twice. Runs on both engines (the conformance suite).
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contact, warning } from '../fixtures/events';
import { signIn, storeAccount } from '../support/accounts';
import { storedRows } from '../support/stored';
import { OPERATOR_TOKEN, postStep, startServer, type TestServer } from '../support/test-server';
import { runVerify } from '../support/verify';

let server: TestServer;
type Row = { seq: number; at_ms: number; actor: string; role: string; scope: string; action: string; object: string; result: string; address: string; prev_hash: string; hash: string };
let pristine: Row[];
const COLUMNS = 'seq, at_ms, actor, role, scope, action, object, result, address, prev_hash, hash';

const recently = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

beforeAll(async () => {
  server = await startServer();
  await storeAccount(server, 'tamper.operator', 'operator', '330600', Date.now());
  await server.ingest([warning('at-w', recently(10)), contact('at-c', 'at-w', recently(9), { result: 'unreachable' })]);
  for (let i = 0; i < 15; i++) await signIn(server.url, 'tamper.operator');
  expect((await postStep(server.url, 'at-w', { step: 'comms' })).status).toBe(201);
  await fetch(`${server.url}/api/v1/escalations`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
  // A clean stop anchors the chain's end.
  await server.close();
  pristine = await rows();
  expect(pristine.length).toBeGreaterThan(15);
});
afterAll(() => server.destroy());
// Each scenario starts from the chain as it was.
afterEach(restore);

const rows = () => storedRows<Row>(server, `SELECT ${COLUMNS} FROM audit ORDER BY seq`);

/** Puts the chain back as it was before a scenario. */
async function restore(): Promise<void> {
  await storedRows(server, 'DELETE FROM audit');
  for (const r of pristine) {
    await storedRows(server, `INSERT INTO audit (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, [
      r.seq, r.at_ms, r.actor, r.role, r.scope, r.action, r.object, r.result, r.address, r.prev_hash, r.hash,
    ]);
  }
}

/** What someone without the key can do: rehash the whole chain, in the format records had before it had one. */
async function rehashWithoutKey(): Promise<void> {
  let prev = '0'.repeat(64);
  for (const r of await rows()) {
    const content = JSON.stringify([r.at_ms, r.actor, r.role, r.scope, r.action, r.object, r.result, r.address]);
    const hash = createHash('sha256').update(`${prev}\n${content}`).digest('hex');
    await storedRows(server, 'UPDATE audit SET prev_hash = $1, hash = $2 WHERE seq = $3', [prev, hash, r.seq]);
    prev = hash;
  }
}

async function verified(): Promise<string> {
  const answer = await runVerify(server);
  return `${answer.code} ${answer.stdout}`;
}

describe('the audit chain under tampering', () => {
  it('keeps its key in a file of mode 0600 outside the database, and its anchors in another', async () => {
    expect(statSync(path.join(server.dataDir, 'audit.key')).mode & 0o777).toBe(0o600);
    const anchors = readFileSync(path.join(server.dataDir, 'audit-anchors.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { seq: number; hash: string });
    expect(anchors.at(-1)).toEqual(expect.objectContaining({ seq: pristine.at(-1)!.seq, hash: pristine.at(-1)!.hash }));
    expect(await verified()).toMatch(/^0 [\s\S]*audit: OK — \d+ records, every one chained to the one before under the key; the newest of \d+ anchors still holds/);
  });

  it('names records deleted from the end', async () => {
    await storedRows(server, `DELETE FROM audit WHERE seq > ${pristine.at(-11)!.seq}`);
    expect(await verified()).toMatch(new RegExp(`^1 [\\s\\S]*records were removed from the end of the chain: the anchor of \\S+ names record ${pristine.at(-1)!.seq}, and the newest record is ${pristine.at(-11)!.seq}`));
  });

  it('names a chain emptied of every record', async () => {
    await storedRows(server, 'DELETE FROM audit');
    expect(await verified()).toMatch(/^1 [\s\S]*records were removed from the end of the chain: .* and there are no records at all/);
  });

  it('names a record edited and the chain rehashed after it', async () => {
    const step = pristine.find((r) => r.action === 'step')!;
    await storedRows(server, "UPDATE audit SET result = '403' WHERE seq = $1", [step.seq]);
    await rehashWithoutKey();
    expect(await verified()).toMatch(/^1 [\s\S]*is not the record the anchor of \S+ names \(the chain was rewritten from there\)/);
  });

  it('names the steps and victim views removed and the rest rehashed', async () => {
    await storedRows(server, "DELETE FROM audit WHERE action IN ('step', 'view-victims')");
    await rehashWithoutKey();
    // The first record rehashed is the start record, which the first anchor names.
    expect(await verified()).toMatch(/^1 [\s\S]*audit: record \d+ is broken: it is not the record the anchor of \S+ names/);
  });

  it('names the oldest records removed under a forged retention prune', async () => {
    const tenth = pristine[9]!;
    await storedRows(server, `DELETE FROM audit WHERE seq <= ${tenth.seq}`);
    const last = pristine.at(-1)!;
    await storedRows(server, `INSERT INTO audit (${COLUMNS}) VALUES ($1, $2, 'system', '', '', 'audit-prune', $3, '10 removed', '', $4, $5)`, [
      last.seq + 1, Date.now(), `through ${tenth.seq} ${tenth.hash}`, last.hash, `k1:${'0'.repeat(64)}`,
    ]);
    expect(await verified()).toMatch(new RegExp(`^1 [\\s\\S]*audit: record ${last.seq + 1} is broken: its keyed hash does not match`));
  });

  it('names a forged sign-in appended to the end', async () => {
    const last = pristine.at(-1)!;
    await storedRows(server, `INSERT INTO audit (${COLUMNS}) VALUES ($1, $2, 'tamper.operator', 'operator', '330600', 'sign-in', '', 'ok', '10.9.9.9', $3, $4)`, [
      last.seq + 1, Date.now(), last.hash, createHash('sha256').update('a guess').digest('hex'),
    ]);
    expect(await verified()).toMatch(new RegExp(`^1 [\\s\\S]*audit: record ${last.seq + 1} is broken: it has no keyed hash, after records that have`));
  });

  it('never gives a seq twice: records appended after the end was cut take new numbers, and the cut shows', async () => {
    const cutAfter = pristine.at(-4)!.seq;
    await storedRows(server, `DELETE FROM audit WHERE seq > ${cutAfter}`);
    const restarted = await startServer({ dataDir: server.dataDir });
    await restarted.close();
    const after = await rows();
    const appended = after.filter((r) => r.seq > cutAfter);
    expect(appended.length).toBeGreaterThan(0);
    expect(Math.min(...appended.map((r) => r.seq))).toBe(pristine.at(-1)!.seq + 1);
    expect(await verified()).toMatch(new RegExp(`^1 [\\s\\S]*audit: record ${pristine.at(-1)!.seq + 1} is broken: the records ${cutAfter + 1}…${pristine.at(-1)!.seq} before it are missing`));
  });
});
