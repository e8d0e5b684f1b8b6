// The demo's history survives a stop half-way: the next start resumes from the saved plan,
// and the store ends up holding exactly the seeded simulation — no day missing, none twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { regionPack } from '../../shared/region';
import { addDays } from '../../shared/time/zoned-calendar';
import { historyDay, savedHistoryPlan } from '../../server/simulator/history-backfill';
import { Random } from '../../server/simulator/random';
import { SimulatedCenter } from '../../server/simulator/simulated-center';
import { verifyRollups } from '../../server/aggregate/integrity';
import { sqliteStoredRollups } from '../../server/store/sqlite/stored-rollups';
import { Meta } from '../../server/store/sqlite/meta';
import { readStored } from '../support/stored';
import { startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

const DAYS = 24;
const dataDir = mkdtempSync(path.join(tmpdir(), 'fraudwall-history-'));
const env = { FRAUDWALL_SIMULATE: '1', FRAUDWALL_SIMULATE_HISTORY_DAYS: String(DAYS) };
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const historyOf = (server: TestServer) => server.app.broadcaster.snapshot(server.app.scopes.region).history;
const historyEventCount = (server: TestServer) =>
  readStored(server.dataDir, (db) => db.prepare<[], { n: number }>("SELECT count(*) AS n FROM events WHERE id >= 'hist-' AND id < 'hist.'").get()!.n);
const savedPlan = () => savedHistoryPlan({ metaGet: async (key: string) => readStored(dataDir, (db) => new Meta(db).get(key)) });

describe('the demo history', () => {
  // Its own waits allow 30 s for the first half and 60 s for the rest, on a busy machine.
  it('resumes after a stop half-way and holds exactly the seeded simulation, every day once', async () => {
    const first = await startServer({ dataDir, env });
    const { from } = await waitFor(() => {
      const history = historyOf(first);
      expect(history).toBeDefined();
      return history!;
    });
    await waitFor(() => expect(historyOf(first)!.loadedThrough >= addDays(from, 2)).toBe(true), 30_000);
    await first.close();
    const cut = await savedPlan();
    expect(cut!.loadedThrough < cut!.to).toBe(true);

    let historyEvents = 0;
    const second = await startServer({ dataDir, env });
    // After every change the wall state takes while the history loads, no escalation on it is
    // older than 4 hours: a past day's escalations open and close within one committed batch.
    const oldestOpenHours: number[] = [];
    const apply = second.app.live.apply.bind(second.app.live);
    second.app.live.apply = (change, now) => {
      apply(change, now);
      const oldest = second.app.live.toWallState(second.app.scopes.region).activeEscalations[0];
      if (oldest) oldestOpenHours.push((now - Date.parse(oldest.openedAt)) / 3_600_000);
    };
    try {
      await waitFor(() => expect(historyOf(second)?.complete).toBe(true), 60_000);
      expect(Math.max(0, ...oldestOpenHours)).toBeLessThan(4);
      const plan = (await savedPlan())!;
      expect({ ...plan, loadedThrough: cut!.loadedThrough }).toEqual(cut);

      // What the seeded simulation makes for the planned days, counted per day.
      const { calendar } = second.app;
      const center = new SimulatedCenter(
        regionPack('shaoxing'),
        calendar,
        new Random(plan.seed),
        `hist-${plan.seed.toString(36)}`,
        calendar.startOfDay(plan.from),
        calendar.startOfDay(plan.until),
      );
      const expected = new Map<string, number>();
      // Day by day as the backfill simulates (one long advance would cap its follow-ups).
      for (let day = plan.from; day <= plan.to; day = addDays(day, 1)) {
        for (const slice of historyDay(center, calendar, day)) {
          for (const { simMs } of slice) {
            const eventDay = calendar.dayKey(Math.round(simMs));
            expected.set(eventDay, (expected.get(eventDay) ?? 0) + 1);
          }
        }
      }
      const stored = readStored(dataDir, (db) =>
        db.prepare<[], { day: string; n: number }>("SELECT day, count(*) AS n FROM events WHERE id >= 'hist-' AND id < 'hist.' GROUP BY day").all(),
      );
      expect(new Map(stored.map((r) => [r.day, r.n]))).toEqual(expected);
      historyEvents = historyEventCount(second);
      // History closes its own escalations: none of them waits on the live board.
      const openFromHistory = readStored(dataDir, (db) =>
        db.prepare<[], { n: number }>("SELECT count(*) AS n FROM escalations WHERE stage <> 'resolved' AND warning_id >= 'hist-' AND warning_id < 'hist.'").get()!.n,
      );
      expect(openFromHistory).toBe(0);
      // The days planned, and the day after, where the last day's escalations end.
      expect(expected.size).toBe(DAYS + 1);
      expect((await readStored(dataDir, (db) => verifyRollups(sqliteStoredRollups(db), calendar))).differences).toEqual([]);
    } finally {
      await second.close();
    }

    // A start after completion does not simulate the history again.
    const third = await startServer({ dataDir, env });
    try {
      await waitFor(() => expect(historyOf(third)).toMatchObject({ complete: true, loadedThrough: cut!.to }));
      expect(historyEventCount(third)).toBe(historyEvents);
    } finally {
      await third.close();
    }
  }, 120_000);
});
