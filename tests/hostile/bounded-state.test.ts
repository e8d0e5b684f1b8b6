// A mass event costs each delta no more than a normal day: the state lists the oldest open
// escalations and counts the rest, and the console's list is bounded too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVE_LISTED } from '../../server/aggregate/live-state';
import { MAX_LISTED_ESCALATIONS } from '../../server/operator/escalations-route';
import { contact, escalation, warning } from '../fixtures/events';
import { OPERATOR_TOKEN, startServer, type TestServer } from '../support/test-server';
import { WallClient } from '../support/wall-client';
import { waitFor } from '../support/wait-for';

const OPEN = 5_000;
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  const base = Date.now() - 3_600_000;
  const at = (i: number) => new Date(base + i * 500).toISOString();
  const events = Array.from({ length: OPEN }, (_, i) => [warning(`mass-w${i}`, at(i)), contact(`mass-c${i}`, `mass-w${i}`, at(i + 1), { result: 'unreachable' })]).flat();
  for (let i = 0; i < events.length; i += 5_000) await server.ingest(events.slice(i, i + 5_000));
});
afterAll(() => server.destroy());

describe('5,000 open escalations', () => {
  it('are listed oldest 100 first with a count of the rest, and a delta moving one stays small', async () => {
    const snapshot = await server.snapshot();
    expect(snapshot.today.escalations.active).toBe(OPEN);
    expect(snapshot.activeEscalations).toHaveLength(ACTIVE_LISTED);
    expect(snapshot.activeEscalationsUnlisted).toBe(OPEN - ACTIVE_LISTED);
    expect(snapshot.activeEscalations[0]?.warningId).toBe('mass-w0');
    expect(snapshot.counties.reduce((sum, c) => sum + c.activeEscalations, 0)).toBe(OPEN);
    expect(JSON.stringify(snapshot).length).toBeLessThan(64 * 1024);

    const wall = new WallClient(server.url);
    await wall.connected();
    const seq = wall.seq;
    await server.ingest([escalation('mass-e0', 'mass-w0', new Date().toISOString(), 'resolved', { outcome: 'dissuaded' })]);
    await waitFor(() => expect(wall.seq).toBeGreaterThan(seq));
    const delta = JSON.stringify(wall.deltas.at(-1));
    wall.close();
    // The listed array is resent whole when one entry changes (RFC 7386): 100 entries, each
    // overdue one shown in the board's 30-second page cycle, are about 21 KB.
    expect(delta.length).toBeLessThan(24 * 1024);
    expect(wall.state?.['activeEscalationsUnlisted']).toBe(OPEN - ACTIVE_LISTED - 1);
  });

  it('give the console the oldest 200 at most, each with a bounded history', async () => {
    const get = (query: string) => fetch(`${server.url}/api/v1/escalations${query}`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
    const listed = (await (await get('')).json()) as { warningId: string; history: unknown[] }[];
    expect(listed).toHaveLength(MAX_LISTED_ESCALATIONS);
    expect(listed[0]?.warningId).toBe('mass-w1');
    expect((await get(`?limit=${MAX_LISTED_ESCALATIONS + 1}`)).status).toBe(400);
    expect((await (await get('?limit=5')).json()) as unknown[]).toHaveLength(5);
  });
});
