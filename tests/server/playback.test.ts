// Playback (issue 27): GET /api/v1/snapshot?at= gives the scope's state as it was at that moment —
// recorded live at 14:00, asked for again two hours later after more has happened, the two are
// the same, escalations open since the day before yesterday included. Bad moments are refused
// naming `at`. Runs on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/protocol/wall-state';
import { caseEvent, contact, escalation, interception, outreach, SHAOXING, warning } from '../fixtures/events';
import { ManualClock, startServer, type TestServer } from '../support/test-server';

const T0 = '2026-11-27T14:00:00+08:00';
const clock = new ManualClock(Date.parse(T0));
const at = (day: string, hhmm: string) => `2026-11-${day}T${hhmm}:00+08:00`;
let server: TestServer;

const snapshot = async (query: string, status = 200) => {
  const response = await fetch(`${server.url}/api/v1/snapshot?${query}`);
  expect(response.status).toBe(status);
  return (await response.json()) as Snapshot & { error?: string };
};

/** What a played-back state shows alike: everything but the stream's bookkeeping and what only the live server knows. */
function shown(state: Snapshot): Partial<Snapshot> {
  const { bootId: _b, seq: _s, asOf: _a, playback: _p, feeds: _f, surges: _su, alerting: _al, history: _h, ...rest } = state;
  return rest;
}

beforeAll(async () => {
  server = await startServer({ clock });
  const { keqiao, zhuji, yuecheng } = SHAOXING;
  await server.ingest([
    // The day before yesterday: a victim nobody reached, still open at 14:00 on the 27th.
    warning('pb-old', at('25', '16:00'), { county: yuecheng }),
    contact('pb-old-c', 'pb-old', at('25', '16:05'), { county: yuecheng, result: 'unreachable' }),
    escalation('pb-old-e', 'pb-old', at('27', '09:00'), 'comms', { county: yuecheng }),
    // Yesterday.
    warning('pb-y1', at('26', '10:00')),
    warning('pb-y2', at('26', '15:00'), { county: zhuji, level: 'high' }),
    contact('pb-y1-c', 'pb-y1', at('26', '10:04'), { result: 'dissuaded' }),
    interception('pb-y-i', at('26', '11:00'), { amountFen: 900_000 }),
    // Today up to 14:00.
    warning('pb-t1', at('27', '08:00')),
    warning('pb-t2', at('27', '09:30'), { county: zhuji, level: 'low' }),
    warning('pb-t3', at('27', '13:20'), { county: keqiao, fraudType: 'loan' }),
    contact('pb-t1-c', 'pb-t1', at('27', '08:03'), { result: 'unreachable' }),
    escalation('pb-t1-e1', 'pb-t1', at('27', '08:05'), 'comms'),
    escalation('pb-t1-e2', 'pb-t1', at('27', '08:10'), 'station', { station: '柯桥派出所' }),
    contact('pb-t2-c', 'pb-t2', at('27', '09:31'), { county: zhuji, result: 'unreachable', channel: 'sms' }),
    contact('pb-t3-c', 'pb-t3', at('27', '13:25'), { result: 'not_deceived' }),
    interception('pb-t-i', at('27', '12:00'), { kind: 'recovery', amountFen: 40_000 }),
    caseEvent('pb-t-k', at('27', '11:00'), { count: 2, lossFen: 70_000 }),
    outreach('pb-t-o', at('27', '10:00'), { sessions: 3, people: 450 }),
    // As they would have arrived: in the order they happened.
  ].sort((a, b) => Date.parse(a['at'] as string) - Date.parse(b['at'] as string)));
});
afterAll(() => server.destroy());

describe('playback', () => {
  it('gives the state as it was at a moment, equal to what a live wall showed then, whatever came after', async () => {
    const liveCity = await snapshot('scope=330600');
    const liveKeqiao = await snapshot(`scope=${SHAOXING.keqiao}`);
    expect(liveCity.activeEscalations.map((e) => e.step)).toEqual(['comms', 'station', 'opened']);

    // Two hours on: the station reports back, a new victim is escalated, more warnings and money.
    clock.set(at('27', '16:00'));
    await server.ingest([
      escalation('pb-t1-e3', 'pb-t1', at('27', '14:30'), 'resolved', { outcome: 'dissuaded' }),
      warning('pb-t4', at('27', '15:00'), { county: SHAOXING.zhuji }),
      contact('pb-t4-c', 'pb-t4', at('27', '15:02'), { county: SHAOXING.zhuji, result: 'unreachable' }),
      interception('pb-t-i2', at('27', '15:30'), { amountFen: 3_000_000 }),
      outreach('pb-t-o2', at('27', '15:40'), { people: 80 }),
    ]);
    const now = await snapshot('scope=330600');
    expect(now.today.warnings.total).toBe(liveCity.today.warnings.total + 1);

    const playedCity = await snapshot(`scope=330600&at=${encodeURIComponent(T0)}`);
    expect(playedCity.playback).toEqual({ at: '2026-11-27T14:00:00.000+08:00' });
    expect(shown(playedCity)).toEqual(shown(liveCity));
    expect(shown(await snapshot(`scope=${SHAOXING.keqiao}&at=${encodeURIComponent(T0)}`))).toEqual(shown(liveKeqiao));
  });

  it('starts the ticker from what happened last before the moment, whatever order it was accepted in (a backfilled history)', async () => {
    await server.ingest([warning('pb-late', at('27', '13:59'), { county: SHAOXING.keqiao }), warning('pb-early', at('27', '07:00'), { county: SHAOXING.keqiao })]);
    const played = await snapshot(`scope=330600&at=${encodeURIComponent('2026-11-27T14:00:30+08:00')}`);
    expect(played.recent.slice(0, 2).map((e) => e.id)).toEqual(['pb-late', 'pb-t3-c']);
    const times = played.recent.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(played.recent.map((e) => e.id)).toContain('pb-early');
  });

  it('refuses a moment it cannot show, naming at', async () => {
    expect((await snapshot(`at=${encodeURIComponent('2026-11-27T17:00:00+08:00')}`, 400)).error).toBe('at: must not be in the future');
    expect((await snapshot('at=2020-01-01T00:00:00%2B08:00', 400)).error).toBe('at: must be within the last 1100 days (FRAUDWALL_MAX_EVENT_AGE_DAYS)');
    expect((await snapshot('at=yesterday', 400)).error).toMatch(/^at: must be an RFC 3339 time with offset/);
  });
});
