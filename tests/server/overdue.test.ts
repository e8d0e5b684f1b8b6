// Overdue escalations — open past the red threshold — are counted per scope and per place, and the
// counts move on their own as escalations age, with no event arriving: the server's clock alone
// turns an escalation red on every wall.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/protocol/wall-state';
import { contact, warning } from '../fixtures/events';
import { ManualClock, startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';
import { WallClient } from '../support/wall-client';

const NOW = Date.parse('2026-03-10T10:00:00+08:00');
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();
/** County → how many minutes ago each of its escalations opened (red threshold: 30). */
const OPENED = {
  '330102': [45, 31, 5], // Hangzhou 上城区: two overdue
  '330106': [29], // Hangzhou 西湖区: not yet — 1 minute to go
  '330603': [120, 10], // Shaoxing 柯桥区: one overdue
  '330212': [20], // Ningbo 鄞州区: none
} as const;

let server: TestServer;
const clock = new ManualClock(NOW);

async function snapshotOf(scope: string): Promise<Snapshot> {
  return (await (await fetch(`${server.url}/api/v1/snapshot?scope=${scope}`)).json()) as Snapshot;
}

describe('overdue escalations', () => {
  beforeAll(async () => {
    server = await startServer({ clock, env: { FRAUDWALL_REGION: 'zhejiang' } });
    const events: Record<string, unknown>[] = [];
    for (const [county, ages] of Object.entries(OPENED)) {
      ages.forEach((age, i) => {
        const id = `${county}-w${i}`;
        events.push(warning(id, minutesAgo(age + 5), { county, level: 'high' }));
        events.push(contact(`${id}-c`, id, minutesAgo(age), { county, result: 'unreachable' }));
      });
    }
    await server.ingest(events);
  });
  afterAll(() => server?.destroy());

  it('counts them per scope and per city and county, from openedAt and the red threshold', async () => {
    const province = await snapshotOf('330000');
    expect(province.today.escalations).toMatchObject({ active: 7, overdue: 3 });
    const city = (adcode: string) => province.cities!.find((c) => c.adcode === adcode)!;
    expect(city('330100')).toMatchObject({ activeEscalations: 4, overdueEscalations: 2 });
    expect(city('330600')).toMatchObject({ activeEscalations: 2, overdueEscalations: 1 });
    expect(city('330200')).toMatchObject({ activeEscalations: 1, overdueEscalations: 0 });

    const hangzhou = await snapshotOf('330100');
    expect(hangzhou.today.escalations).toMatchObject({ active: 4, overdue: 2 });
    const county = (adcode: string) => hangzhou.counties.find((c) => c.adcode === adcode)!;
    expect(county('330102')).toMatchObject({ activeEscalations: 3, overdueEscalations: 2 });
    expect(county('330106')).toMatchObject({ activeEscalations: 1, overdueEscalations: 0 });
    // Oldest first, so every overdue escalation is listed before any other.
    expect(hangzhou.activeEscalations.map((e) => e.warningId).slice(0, 2)).toEqual(['330102-w0', '330102-w1']);
  });

  it('moves the counts as escalations age past the threshold, with no event', async () => {
    const wall = new WallClient(server.url, undefined, { scope: '330100' });
    try {
      await wall.connected();
      const overdue = () => (wall.state as unknown as Snapshot).today.escalations.overdue;
      expect(overdue()).toBe(2);
      // Two minutes on: 西湖区's escalation (29 minutes old) crosses 30; nothing is ingested.
      clock.ms = NOW + 2 * 60_000;
      await waitFor(() => expect(overdue()).toBe(3));
      const state = wall.state as unknown as Snapshot;
      expect(state.counties.find((c) => c.adcode === '330106')).toMatchObject({ overdueEscalations: 1 });
      expect((await snapshotOf('330000')).today.escalations.overdue).toBe(4);
    } finally {
      wall.close();
    }
  });
});
