// Calls counted by channel (issue 27): 96110, the local line, SMS, and `unknown` for a call that
// did not say — in the live state of each wall's scope, in the statistics, and the same after a
// restart (counted in the rollups, not only in memory). Runs on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stats } from '../../shared/protocol/stats';
import type { Snapshot } from '../../shared/protocol/wall-state';
import { contact, SHAOXING, warning } from '../fixtures/events';
import { ManualClock, startServer, type TestServer } from '../support/test-server';

const clock = new ManualClock(Date.parse('2026-11-27T12:00:00+08:00'));
const t = (hhmm: string) => `2026-11-27T${hhmm}:00+08:00`;
let server: TestServer;

const none = { dissuaded: 0, notDeceived: 0, unreachable: 0 };
const KEQIAO = {
  '96110': { dissuaded: 2, notDeceived: 0, unreachable: 1 },
  local_call: { dissuaded: 0, notDeceived: 1, unreachable: 0 },
  sms: { dissuaded: 1, notDeceived: 0, unreachable: 0 },
  unknown: { dissuaded: 0, notDeceived: 0, unreachable: 1 },
};

beforeAll(async () => {
  server = await startServer({ clock });
  const { keqiao, zhuji } = SHAOXING;
  await server.ingest([
    warning('ch-w1', t('09:00')),
    warning('ch-w2', t('09:10')),
    warning('ch-w3', t('09:20'), { county: zhuji }),
    contact('ch-1', 'ch-w1', t('09:01'), { channel: '96110', result: 'unreachable' }),
    contact('ch-2', 'ch-w1', t('09:06'), { channel: '96110', result: 'dissuaded' }),
    contact('ch-3', 'ch-w2', t('09:11'), { channel: '96110', result: 'dissuaded' }),
    contact('ch-4', 'ch-w2', t('09:12'), { channel: 'local_call', result: 'not_deceived' }),
    contact('ch-5', 'ch-w2', t('09:13'), { channel: 'sms', result: 'dissuaded' }),
    contact('ch-6', 'ch-w2', t('09:14'), { channel: undefined, result: 'unreachable', county: keqiao }),
    contact('ch-7', 'ch-w3', t('09:21'), { channel: '96110', result: 'dissuaded', county: zhuji }),
  ]);
});
afterAll(() => server.destroy());

const snapshot = async (scope: string) => ((await (await fetch(`${server.url}/api/v1/snapshot?scope=${scope}`)).json()) as Snapshot).today.contacts;
const stats = async (scope: string) => {
  const response = await fetch(`${server.url}/api/v1/stats?from=2026-11-27&to=2026-11-27&scope=${scope}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as Stats).byChannel;
};

describe('calls by channel', () => {
  it("counts each call under its channel, and a call that does not say under unknown, within the wall's scope", async () => {
    const keqiao = await snapshot(SHAOXING.keqiao);
    expect(keqiao.byChannel).toEqual(KEQIAO);
    // The channels add up to the calls by result.
    expect(keqiao).toMatchObject({ dissuaded: 3, notDeceived: 1, unreachable: 2 });
    const city = await snapshot('330600');
    expect(city.byChannel['96110']).toEqual({ dissuaded: 3, notDeceived: 0, unreachable: 1 });
    expect((await snapshot(SHAOXING.zhuji)).byChannel).toEqual({ '96110': { dissuaded: 1, notDeceived: 0, unreachable: 0 }, local_call: none, sms: none, unknown: none });
  });

  it('gives the statistics the same shape, from the rollups', async () => {
    expect(await stats(SHAOXING.keqiao)).toEqual(KEQIAO);
    expect((await stats('330600'))['96110']).toEqual({ dissuaded: 3, notDeceived: 0, unreachable: 1 });
  });

  it('keeps them across a restart', async () => {
    await server.close();
    server = await startServer({ clock, dataDir: server.dataDir });
    expect((await snapshot(SHAOXING.keqiao)).byChannel).toEqual(KEQIAO);
  });
});
