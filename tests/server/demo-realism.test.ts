// A demo a center would believe: after its history, the last 30 days have most escalations
// resolved within the red threshold (a tail beyond it, so red means "act now"), and the counties
// differ — each index component with something to measure spreads by at least 5 points from the
// best county to the worst — so the anti-fraud index ranks something real.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stats } from '../../shared/protocol/stats';
import { INDEX_COMPONENTS } from '../../shared/protocol/stats';
import { addDays } from '../../shared/time/zoned-calendar';
import { OPERATOR_TOKEN, startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

let server: TestServer;

describe('the demo’s history, as a center would read it', () => {
  beforeAll(async () => {
    // Hangzhou: 13 districts, from the crowded old town to the rural west.
    server = await startServer({ env: { FRAUDWALL_REGION: 'hangzhou', FRAUDWALL_SIMULATE: '1', FRAUDWALL_SIMULATE_HISTORY_DAYS: '31' } });
    await waitFor(() => expect(server.app.broadcaster.snapshot(server.app.scopes.region).history?.complete).toBe(true), 150_000);
  }, 180_000);
  afterAll(() => server?.destroy());

  async function lastThirtyDays(): Promise<Stats> {
    const today = server.app.calendar.dayKey(Date.now());
    const query = new URLSearchParams({ from: addDays(today, -30), to: addDays(today, -1) });
    const response = await fetch(`${server.url}/api/v1/stats?${query}`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as Stats;
  }

  it('resolves 70–95 % of its escalations within the red threshold', async () => {
    const { totals } = await lastThirtyDays();
    expect(totals.escalationsResolved).toBeGreaterThan(1_000);
    const withinRed = totals.resolvedWithinSla / totals.escalationsResolved;
    expect(withinRed).toBeGreaterThanOrEqual(0.7);
    expect(withinRed).toBeLessThanOrEqual(0.95);
  });

  it('spreads every index component that measures something by ≥ 5 points between counties', async () => {
    const { counties } = await lastThirtyDays();
    expect(counties).toHaveLength(13);
    for (const component of INDEX_COMPONENTS) {
      const scores = counties.map((c) => c.index.components[component]).filter((score): score is number => score !== null);
      if (scores.length < 2) continue;
      expect(Math.max(...scores) - Math.min(...scores), component).toBeGreaterThanOrEqual(5);
    }
  });
});
