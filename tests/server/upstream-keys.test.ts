// Upstream systems' own ingest keys (issue 14): each limited to its scope — a county's system
// cannot post another county's events (refused per event, with the reason) — revocable, and good
// for ingest only; the environment's ingest token still posts for the whole region. Runs on
// both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHAOXING, warning } from '../fixtures/events';
import { asAccount, signIn, sourceKey, storeAccount, type SignedIn } from '../support/accounts';
import { isStored } from '../support/stored';
import { ManualClock, startServer, type TestServer } from '../support/test-server';

const clock = new ManualClock(Date.parse('2026-12-03T10:00:00+08:00'));
const at = (mm: string) => `2026-12-03T09:${mm}:00+08:00`;
let server: TestServer;
let admin: SignedIn;

const newSourceKey = (username: string, scope: string) => sourceKey(server.url, admin, username, scope);

const postWith = (key: string, events: unknown[]) => server.post(events, { token: key });

beforeAll(async () => {
  server = await startServer({ clock });
  await storeAccount(server, 'sx.admin', 'admin', '330600', clock.ms);
  admin = await signIn(server.url, 'sx.admin');
});
afterAll(() => server.destroy());

describe('an upstream system’s key', () => {
  it('posts its own county’s events, and another county’s are refused one by one with the reason', async () => {
    const keqiao = await newSourceKey('kq.platform', SHAOXING.keqiao);
    const answer = await postWith(keqiao, [warning('330603:up-1', at('00'), { county: SHAOXING.keqiao }), warning('330603:up-2', at('01'), { county: SHAOXING.zhuji })]);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({
      accepted: 1,
      rejected: [{ index: 1, id: '330603:up-2', errors: [`county: ${SHAOXING.zhuji} is outside the scope of this ingest key`] }],
    });
    expect(await isStored(server, '330603:up-1')).toBe(true);
    expect(await isStored(server, '330603:up-2')).toBe(false);
  });

  it('bound to a city posts for each of its counties', async () => {
    const city = await newSourceKey('sx.platform', '330600');
    const answer = await postWith(city, [warning('330600:up-3', at('02'), { county: SHAOXING.zhuji }), warning('330600:up-4', at('03'), { county: SHAOXING.shengzhou })]);
    expect(await answer.json()).toMatchObject({ accepted: 2, rejected: [] });
  });

  it('is good for ingest only, and stops working when disabled', async () => {
    const key = await newSourceKey('yc.platform', SHAOXING.yuecheng);
    const snapshot = await fetch(`${server.url}/api/v1/snapshot`, { headers: { authorization: `Bearer ${key}` } });
    expect(snapshot.status).toBe(403);
    expect(await snapshot.json()).toEqual({ error: 'an account of the source role cannot do this (it needs the viewer role)' });
    const disabled = await asAccount(server.url, admin, '/api/v1/accounts/yc.platform', { method: 'PATCH', csrf: true, body: JSON.stringify({ disabled: true }) });
    expect(disabled.status).toBe(200);
    const refused = await postWith(key, [warning('330602:up-5', at('04'), { county: SHAOXING.yuecheng })]);
    expect(refused.status).toBe(401);
    expect(await isStored(server, '330602:up-5')).toBe(false);
  });

  it('leaves the environment’s ingest token posting for the whole region', async () => {
    const answer = await server.post([warning('up-6', at('05'), { county: SHAOXING.zhuji }), warning('up-7', at('06'), { county: SHAOXING.keqiao })]);
    expect(await answer.json()).toMatchObject({ accepted: 2, rejected: [] });
  });
});
