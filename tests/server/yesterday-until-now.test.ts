// The wall compares today so far with yesterday up to the same time of day (the whole day is
// shown apart): the figure moves on with the server's clock, and a late warning of yesterday's
// counts at its own time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/protocol/wall-state';
import { SHAOXING, warning } from '../fixtures/events';
import { ManualClock, startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';
import { WallClient } from '../support/wall-client';

const NOW = Date.parse('2026-03-10T21:05:30+08:00');
const clock = new ManualClock(NOW);
let server: TestServer;

describe('yesterday up to this time of day', () => {
  beforeAll(async () => {
    server = await startServer({ clock });
    await server.ingest([
      warning('y-1', '2026-03-09T08:00:00+08:00', { county: SHAOXING.keqiao }),
      warning('y-2', '2026-03-09T21:05:00+08:00', { county: SHAOXING.zhuji }),
      warning('y-3', '2026-03-09T21:06:00+08:00', { county: SHAOXING.keqiao }),
      warning('y-4', '2026-03-09T23:00:00+08:00', { county: SHAOXING.keqiao }),
      warning('t-1', '2026-03-10T09:00:00+08:00', { county: SHAOXING.keqiao }),
    ]);
  });
  afterAll(() => server?.destroy());

  it('counts yesterday up to now beside the whole day, per scope, and moves on with the clock alone', async () => {
    const first = await server.snapshot();
    expect(first.yesterdayUntilNow.warnings).toBe(2);
    expect(first.yesterday.warnings).toBe(4);
    const keqiao = (await (await fetch(`${server.url}/api/v1/snapshot?scope=${SHAOXING.keqiao}`)).json()) as Snapshot;
    expect(keqiao.yesterdayUntilNow.warnings).toBe(1);

    const wall = new WallClient(server.url);
    try {
      await wall.connected();
      const soFar = () => (wall.state as unknown as Snapshot).yesterdayUntilNow.warnings;
      clock.ms = NOW + 60_000;
      await waitFor(() => expect(soFar()).toBe(3));
      // A warning of yesterday's morning, sent late, counts at its own time.
      await server.ingest([warning('y-late', '2026-03-09T10:00:00+08:00', { county: SHAOXING.keqiao })]);
      await waitFor(() => expect(soFar()).toBe(4));
      expect((wall.state as unknown as Snapshot).yesterday.warnings).toBe(5);
    } finally {
      wall.close();
    }
  });
});
