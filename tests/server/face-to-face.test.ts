// Face to face (警格+网格, issue 27): the statistics count dissuasion at the door by who went —
// the station, the grid worker, both — and GET /api/v1/stats/stations gives each police station
// of the scope its escalations reported back, dissuaded, and median minutes from dispatch to
// report, all against values worked out by hand. Runs on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stats, StationsAnswer } from '../../shared/protocol/stats';
import { contact, escalation, SHAOXING, warning } from '../fixtures/events';
import { ManualClock, startServer, type TestServer } from '../support/test-server';

const clock = new ManualClock(Date.parse('2026-11-27T12:00:00+08:00'));
const t = (hhmm: string, day = '2026-11-27') => `${day}T${hhmm}:00+08:00`;
let server: TestServer;

/** An unreachable victim at `opened`, then the given steps. */
function escalated(id: string, opened: string, steps: [string, string, Record<string, unknown>?][], county: string = SHAOXING.keqiao, day?: string) {
  return [
    warning(id, t(opened, day), { county }),
    contact(`${id}-c`, id, t(opened, day), { county, result: 'unreachable' }),
    ...steps.map(([step, at, fields], i) => escalation(`${id}-e${i}`, id, t(at, day), step, { county, ...fields })),
  ];
}

beforeAll(async () => {
  server = await startServer({ clock });
  await server.ingest([
    // Keqiao: the station alone, 15 minutes to the report, dissuaded.
    ...escalated('ff-a', '09:00', [['comms', '09:02'], ['station', '09:05', { station: '柯桥派出所' }], ['resolved', '09:20', { outcome: 'dissuaded' }]]),
    // The same station, 30 minutes, a loss.
    ...escalated('ff-b', '09:08', [['station', '09:10', { station: '柯桥派出所' }], ['resolved', '09:40', { outcome: 'loss' }]]),
    // The station and a grid worker: 7 minutes from the station's dispatch, dissuaded.
    ...escalated('ff-c', '09:09', [['station', '09:10', { station: '柯桥派出所' }], ['grid', '09:12', { grid: '柯岩街道第2网格' }], ['resolved', '09:17', { outcome: 'dissuaded' }]]),
    // A grid worker alone, dissuaded.
    ...escalated('ff-d', '09:58', [['grid', '10:00', { grid: '柯岩街道第2网格' }], ['resolved', '10:10', { outcome: 'dissuaded' }]]),
    // Still at the door: not reported back, not counted.
    ...escalated('ff-e', '10:20', [['station', '10:25', { station: '华舍派出所' }]]),
    // Resolved by phone, nobody at the door: not face to face.
    ...escalated('ff-f', '10:30', [['resolved', '10:40', { outcome: 'false_alarm' }]]),
    // Zhuji: 50 minutes.
    ...escalated('ff-g', '09:58', [['station', '10:00', { station: '枫桥派出所' }], ['resolved', '10:50', { outcome: 'dissuaded' }]], SHAOXING.zhuji),
    // Yesterday: outside today's period.
    ...escalated('ff-h', '09:00', [['station', '09:05', { station: '柯桥派出所' }], ['resolved', '09:06', { outcome: 'dissuaded' }]], SHAOXING.keqiao, '2026-11-26'),
  ]);
});
afterAll(() => server.destroy());

const get = async <T>(path: string, status = 200) => {
  const response = await fetch(`${server.url}${path}`);
  expect(response.status).toBe(status);
  return (await response.json()) as T;
};

describe('face to face', () => {
  it('counts dissuasion at the door by who went: the station, the grid worker, both', async () => {
    const today = await get<Stats>(`/api/v1/stats?from=2026-11-27&to=2026-11-27&scope=${SHAOXING.keqiao}`);
    expect(today.faceToFace).toEqual({
      station: { escalations: 3, dissuaded: 2 },
      grid: { escalations: 2, dissuaded: 2 },
      both: { escalations: 1, dissuaded: 1 },
    });
    const city = await get<Stats>('/api/v1/stats?from=2026-11-26&to=2026-11-27&scope=330600');
    expect(city.faceToFace.station).toEqual({ escalations: 5, dissuaded: 4 });
  });

  it('gives each station of the scope its escalations reported back, dissuaded and median minutes from dispatch to report', async () => {
    const keqiao = await get<StationsAnswer>(`/api/v1/stats/stations?from=2026-11-27&to=2026-11-27&scope=${SHAOXING.keqiao}`);
    expect(keqiao).toMatchObject({ from: '2026-11-27', to: '2026-11-27', asOf: '2026-11-27T12:00:00.000+08:00', scope: { adcode: SHAOXING.keqiao } });
    // 7, 15 and 30 minutes: the median is 15.
    expect(keqiao.stations).toEqual([{ county: SHAOXING.keqiao, countyName: '柯桥区', station: '柯桥派出所', reached: 3, dissuaded: 2, medianMinutes: 15 }]);
    const city = await get<StationsAnswer>('/api/v1/stats/stations?from=2026-11-26&to=2026-11-27&scope=330600');
    // Four reports in Keqiao over the two days (1, 7, 15, 30: the lower middle is 7), then Zhuji's.
    expect(city.stations).toEqual([
      { county: SHAOXING.keqiao, countyName: '柯桥区', station: '柯桥派出所', reached: 4, dissuaded: 3, medianMinutes: 7 },
      { county: SHAOXING.zhuji, countyName: '诸暨市', station: '枫桥派出所', reached: 1, dissuaded: 1, medianMinutes: 50 },
    ]);
    expect((await get<StationsAnswer>(`/api/v1/stats/stations?from=2026-11-27&to=2026-11-27&scope=${SHAOXING.zhuji}`)).stations.map((s) => s.station)).toEqual(['枫桥派出所']);
  });

  it('refuses a bad period naming the field', async () => {
    expect(await get('/api/v1/stats/stations?to=2026-11-27', 400)).toEqual({ error: 'from: is required' });
    expect(await get('/api/v1/stats/stations?from=2026-11-28&to=2026-11-27', 400)).toEqual({ error: 'to: must not be before from' });
    expect(await get('/api/v1/stats/stations?from=2020-01-01&to=2026-11-27', 400)).toEqual({ error: 'to: the range must be at most 1100 days' });
  });
});
