// The store reads a batch's contexts once and carries them forward in memory: a batch of
// events that depend on each other must leave exactly the tables that reading each event's
// context back from the database (one event per batch) leaves.
import { afterAll, describe, expect, it } from 'vitest';
import { contact, escalation, warning } from '../fixtures/events';
import { shuffledHours } from '../fixtures/shuffled-day';
import { startServer, type TestServer } from '../support/test-server';
import { storedRows } from '../support/stored';

// A counter that went up and down again is a zero row one way and no row the other: the same count.
const TABLES = {
  warnings: '',
  escalations: '',
  rollups: 'WHERE value <> 0',
  rollups_monthly: 'WHERE value <> 0',
  volume: 'WHERE value <> 0',
} as const;

async function dump(server: TestServer): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const [table, where] of Object.entries(TABLES)) tables[table] = await storedRows(server, `SELECT * FROM ${table} ${where} ORDER BY 1, 2, 3, 4`);
  return tables;
}

describe('batched ingest', () => {
  const servers: TestServer[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.destroy())));

  it('stores a shuffled batch of related events exactly as it stores them one at a time', async () => {
    const [batched, single] = await Promise.all([startServer(), startServer()]);
    servers.push(batched!, single!);
    const end = Date.now() - 60_000;
    const events = shuffledHours(batched!.app.calendar, { seed: 21, idPrefix: 'bat', hours: 20, endMs: end, reach: 60 });
    events.push(
      // Within one batch: a step before its escalation opens, a reopening after resolution,
      // a call before its warning, and the same event twice.
      escalation('b-e1', 'b-w', new Date(end - 50 * 60_000).toISOString(), 'comms'),
      contact('b-c1', 'b-w', new Date(end - 55 * 60_000).toISOString(), { result: 'unreachable' }),
      escalation('b-e2', 'b-w', new Date(end - 40 * 60_000).toISOString(), 'resolved', { outcome: 'dissuaded' }),
      contact('b-c2', 'b-w', new Date(end - 30 * 60_000).toISOString(), { result: 'unreachable' }),
      warning('b-w', new Date(end - 58 * 60_000).toISOString()),
      contact('b-c2', 'b-w', new Date(end - 30 * 60_000).toISOString(), { result: 'unreachable' }),
    );
    expect(events.length).toBeGreaterThan(1_000);

    const outcome = await batched!.app.pipeline.ingestEvents(events);
    expect(outcome.duplicates).toBe(1);
    for (const event of events) await single!.app.pipeline.ingestEvents([event]);

    expect(await dump(batched!)).toEqual(await dump(single!));
    const escalations = await storedRows(batched!, "SELECT n, stage FROM escalations WHERE warning_id = 'b-w' ORDER BY n");
    expect(escalations).toEqual([
      { n: 1, stage: 'resolved' },
      { n: 2, stage: 'opened' },
    ]);
    // A thousand single-event commits: on PostgreSQL each is a transaction and a wait for the feed.
  }, 90_000);
});
