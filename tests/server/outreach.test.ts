// Outreach (全民反诈, issue 27) as an event like every other: posted, validated naming the field
// (the rest of the batch kept), counted in today's state and the year's, in the statistics by the
// unit that gave it, against last year, and the same after a restart. Runs on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stats } from '../../shared/protocol/stats';
import type { Snapshot } from '../../shared/protocol/wall-state';
import { outreach, SHAOXING } from '../fixtures/events';
import { ManualClock, startServer, type TestServer } from '../support/test-server';

const clock = new ManualClock(Date.parse('2026-11-27T12:00:00+08:00'));
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ clock });
  await server.ingest([
    outreach('o-1', '2026-11-27T09:00:00+08:00', { unit: 'police', format: 'talk', people: 300 }),
    outreach('o-2', '2026-11-27T10:00:00+08:00', { unit: 'grid', format: 'door_to_door', sessions: 40, people: 95, station: '柯岩街道第2网格' }),
    outreach('o-3', '2026-11-27T10:30:00+08:00', { unit: 'department', format: 'online', people: 2_000, county: SHAOXING.zhuji }),
    outreach('o-4', '2026-03-02T10:00:00+08:00', { unit: 'village', format: 'talk', sessions: 2, people: 150 }),
    // Last year, by the same date.
    outreach('o-5', '2025-05-02T10:00:00+08:00', { unit: 'police', format: 'talk', sessions: 3, people: 500 }),
  ]);
});
afterAll(() => server.destroy());

const snapshot = async (scope: string) => (await (await fetch(`${server.url}/api/v1/snapshot?scope=${scope}`)).json()) as Snapshot;
const stats = async (query: string) => {
  const response = await fetch(`${server.url}/api/v1/stats?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Stats;
};

describe('outreach', () => {
  it("counts today's sessions and people, and the year's, within the wall's scope", async () => {
    const keqiao = await snapshot(SHAOXING.keqiao);
    expect(keqiao.today.outreach).toEqual({ sessions: 41, people: 395 });
    expect(keqiao.year).toMatchObject({ outreachSessions: 43, outreachPeople: 545 });
    const city = await snapshot('330600');
    expect(city.today.outreach).toEqual({ sessions: 42, people: 2_395 });
    expect(city.year).toMatchObject({ outreachSessions: 44, outreachPeople: 2_545 });
  });

  it('gives the statistics their totals, the units that gave them, and last year', async () => {
    const s = await stats('from=2026-01-01&to=2026-11-27&compare=previous_year&groupBy=month&scope=330600');
    expect(s.totals).toMatchObject({ outreachSessions: 44, outreachPeople: 2_545 });
    expect(s.byOutreachUnit).toEqual({
      police: { sessions: 1, people: 300 },
      department: { sessions: 1, people: 2_000 },
      village: { sessions: 2, people: 150 },
      grid: { sessions: 40, people: 95 },
      volunteer: { sessions: 0, people: 0 },
    });
    expect(s.compare?.totals).toMatchObject({ outreachSessions: 3, outreachPeople: 500 });
    expect(s.compare?.changePct.outreachSessions).toBe(1366.7);
    expect(s.buckets.find((b) => b.key === '2026-03')?.totals.outreachSessions).toBe(2);
  });

  it('refuses an invalid outreach event naming its field, and keeps the rest of the batch', async () => {
    const response = await server.post([
      outreach('o-bad-1', '2026-11-27T11:00:00+08:00', { unit: 'army' }),
      outreach('o-bad-2', '2026-11-27T11:00:00+08:00', { people: -1 }),
      outreach('o-bad-3', '2026-11-27T11:00:00+08:00', { sessions: 1_001 }),
      outreach('o-6', '2026-11-27T11:00:00+08:00', { people: 60 }),
    ]);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { accepted: number; rejected: { index: number; errors: string[] }[] };
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([
      { index: 0, id: 'o-bad-1', errors: ['unit: must be one of police, department, village, grid, volunteer'] },
      { index: 1, id: 'o-bad-2', errors: ['people: must be at least 0'] },
      { index: 2, id: 'o-bad-3', errors: ['sessions: must be at most 1000'] },
    ]);
    expect((await snapshot(SHAOXING.keqiao)).today.outreach).toEqual({ sessions: 42, people: 455 });
  });

  it('keeps them across a restart', async () => {
    await server.close();
    server = await startServer({ clock, dataDir: server.dataDir });
    const keqiao = await snapshot(SHAOXING.keqiao);
    expect(keqiao.today.outreach).toEqual({ sessions: 42, people: 455 });
    expect(keqiao.year).toMatchObject({ outreachSessions: 44, outreachPeople: 605 });
  });
});
