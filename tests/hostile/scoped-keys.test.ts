// Issue 22, item 2: a county's ingest key acts only inside its county. It cannot close or move
// another county's escalation, nor open one on another county's warning (whose victim that
// county's operators would then see unmasked), and it cannot take an id another scope will send:
// a scoped key's ids begin with its adcode. Runs on both engines (the conformance suite).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contact, escalation, SHAOXING, warning } from '../fixtures/events';
import { signIn, sourceKey, storeAccount, type SignedIn } from '../support/accounts';
import { storedRows } from '../support/stored';
import { ManualClock, startServer, type TestServer } from '../support/test-server';

const clock = new ManualClock(Date.parse('2026-12-03T10:00:00+08:00'));
const at = (mm: string) => `2026-12-03T09:${mm}:00+08:00`;
let server: TestServer;
let admin: SignedIn;
let keqiaoKey: string;
let yuechengKey: string;

const newSourceKey = (username: string, scope: string) => sourceKey(server.url, admin, username, scope);

type Answer = { accepted: number; rejected: { index: number; id?: string; errors: string[] }[] };
const postWith = async (key: string, events: unknown[]) => (await server.post(events, { token: key })).json() as Promise<Answer>;

beforeAll(async () => {
  server = await startServer({ clock });
  await storeAccount(server, 'sx.admin', 'admin', '330600', clock.ms);
  admin = await signIn(server.url, 'sx.admin');
  keqiaoKey = await newSourceKey('kq.platform', SHAOXING.keqiao);
  yuechengKey = await newSourceKey('yc.platform', SHAOXING.yuecheng);
  // 越城's victim, unreachable: an escalation open in 越城.
  expect(await postWith(yuechengKey, [warning(`${SHAOXING.yuecheng}:w1`, at('00'), { county: SHAOXING.yuecheng }), contact(`${SHAOXING.yuecheng}:c1`, `${SHAOXING.yuecheng}:w1`, at('01'), { county: SHAOXING.yuecheng, result: 'unreachable' })])).toMatchObject({ accepted: 2 });
  // And one that has not been called yet.
  expect(await postWith(yuechengKey, [warning(`${SHAOXING.yuecheng}:w2`, at('02'), { county: SHAOXING.yuecheng })])).toMatchObject({ accepted: 1 });
});
afterAll(() => server.destroy());

const escalationOf = async (warningId: string) => storedRows<{ county: string; stage: string }>(server, 'SELECT county, stage FROM escalations WHERE warning_id = $1', [warningId]);

describe('a county’s ingest key', () => {
  it('cannot close another county’s escalation, even dated in its own county', async () => {
    const answer = await postWith(keqiaoKey, [escalation(`${SHAOXING.keqiao}:e1`, `${SHAOXING.yuecheng}:w1`, at('03'), 'resolved', { county: SHAOXING.keqiao, outcome: 'dissuaded' })]);
    expect(answer.accepted).toBe(0);
    expect(answer.rejected[0]!.errors).toEqual([`warningId: warning ${SHAOXING.yuecheng}:w1 is in county ${SHAOXING.yuecheng}, outside the scope of this ingest key`]);
    expect(await escalationOf(`${SHAOXING.yuecheng}:w1`)).toEqual([{ county: SHAOXING.yuecheng, stage: 'opened' }]);
  });

  it('cannot open an escalation on another county’s warning', async () => {
    const answer = await postWith(keqiaoKey, [contact(`${SHAOXING.keqiao}:c2`, `${SHAOXING.yuecheng}:w2`, at('04'), { county: SHAOXING.keqiao, result: 'unreachable' })]);
    expect(answer.accepted).toBe(0);
    expect(answer.rejected[0]!.errors[0]).toMatch(/outside the scope of this ingest key$/);
    expect(await escalationOf(`${SHAOXING.yuecheng}:w2`)).toEqual([]);
  });

  it('cannot take an id another scope will send: its ids begin with its adcode', async () => {
    const squat = await postWith(keqiaoKey, [warning(`${SHAOXING.yuecheng}:w3`, at('05'), { county: SHAOXING.keqiao })]);
    expect(squat.rejected[0]!.errors).toEqual([`id: must begin with ${SHAOXING.keqiao}: (the ids of an ingest key bound to a scope begin with its adcode)`]);
    // The owner's event with that id is accepted.
    expect(await postWith(yuechengKey, [warning(`${SHAOXING.yuecheng}:w3`, at('05'), { county: SHAOXING.yuecheng })])).toMatchObject({ accepted: 1, rejected: [] });
  });

  it('still acts on its own county’s warnings, and the region’s token on any', async () => {
    expect(await postWith(keqiaoKey, [warning(`${SHAOXING.keqiao}:w9`, at('06')), contact(`${SHAOXING.keqiao}:c9`, `${SHAOXING.keqiao}:w9`, at('07'), { result: 'unreachable' })])).toMatchObject({ accepted: 2, rejected: [] });
    expect(await (await server.post([escalation('region-e1', `${SHAOXING.yuecheng}:w1`, at('08'), 'comms', { county: SHAOXING.yuecheng })])).json()).toMatchObject({ accepted: 1 });
  });
});
