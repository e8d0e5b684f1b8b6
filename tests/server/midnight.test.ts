// Local midnight with an injected clock: today's counters start again, open escalations carry over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contact, warning } from '../fixtures/events';
import { ManualClock, startServer, type TestServer } from '../support/test-server';
import { withWall } from '../support/wall-client';
import { waitFor } from '../support/wait-for';

const clock = new ManualClock(Date.parse('2026-11-27T23:58:00+08:00'));
let server: TestServer;

beforeAll(async () => {
  // The machine's own zone must not matter: the server follows FRAUDWALL_TZ.
  server = await startServer({ clock, env: { FRAUDWALL_TZ: 'Asia/Shanghai' } });
  await server.ingest([
    warning('late-1', '2026-11-27T23:50:00+08:00'),
    warning('late-2', '2026-11-27T23:55:00+08:00', { level: 'low' }),
    contact('late-c', 'late-2', '2026-11-27T23:57:00+08:00', { result: 'unreachable' }),
  ]);
});
afterAll(() => server.destroy());

describe('midnight rollover', () => {
  it('starts a new day at local midnight and streams the change to walls without any request', async () => {
    await withWall(server.url, async (wall) => {
      await waitFor(() => expect(wall.state).toMatchObject({ day: '2026-11-27', today: { warnings: { total: 2 } } }));
      clock.set('2026-11-28T00:00:30+08:00');
      await waitFor(() => expect(wall.state?.['day']).toBe('2026-11-28'), 3_000);
      const s = await server.snapshot();
      expect(s.day).toBe('2026-11-28');
      expect(s.today.warnings.total).toBe(0);
      expect(s.today.contacts.unreachable).toBe(0);
      expect(s.today.escalations).toMatchObject({ opened: 0, resolved: 0, active: 1 });
      expect(s.activeEscalations.map((e) => e.warningId)).toEqual(['late-2']);
      expect(s.yesterday.warnings).toBe(2);
      expect(s.volume.today).toEqual({});
      // 23:50 and 23:55 fall in yesterday's last bucket.
      expect(s.volume.yesterday).toEqual({ '143': 2 });
      expect(wall.state).toMatchObject({ today: { warnings: { total: 0 } }, yesterday: { warnings: 2 } });
    });
  });

  it('counts events on the day of their own time, also when they arrive after midnight', async () => {
    await server.ingest([warning('new-1', '2026-11-28T00:00:10+08:00'), warning('straggler', '2026-11-27T23:59:00+08:00')]);
    const s = await server.snapshot();
    expect(s.today.warnings.total).toBe(1);
    expect(s.yesterday.warnings).toBe(3);
    expect(s.year.warnings).toBe(4);
  });

  it('counts a batch once when it is the one that crosses midnight', async () => {
    // Straight into the pipeline, so no timer can roll the day over first.
    clock.set('2026-11-29T00:00:05+08:00');
    const counts = await server.app.pipeline.ingestEvents([
      warning('cross-1', '2026-11-29T00:00:01+08:00'),
      warning('cross-2', '2026-11-28T23:59:59+08:00'),
    ]);
    expect(counts.accepted).toBe(2);
    const s = await server.snapshot();
    expect(s.day).toBe('2026-11-29');
    expect(s.today.warnings.total).toBe(1);
    expect(s.yesterday.warnings).toBe(2);
    expect(s.recent.slice(0, 2).map((e) => e.id).sort()).toEqual(['cross-1', 'cross-2']);
  });

  it('counts a late event from last week on its own day but keeps it out of the ticker', async () => {
    await server.ingest([warning('last-week-1', '2026-11-22T10:00:00+08:00')]);
    const s = await server.snapshot();
    expect(s.recent.map((e) => e.id)).not.toContain('last-week-1');
    expect(s.year.warnings).toBe(7);
  });
});
