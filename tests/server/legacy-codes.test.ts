// Legacy county codes (contract: *Regions and scopes*): an event that carries a code abolished
// since 2016 is accepted and counted under its successor, the stored event keeps what was sent,
// and `npm run verify` recounts the same; today's codes are accepted as they are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEGACY_SUCCESSORS } from '../../shared/region/legacy-codes';
import { contact, interception, warning } from '../fixtures/events';
import { storedIntegrity, storedRows } from '../support/stored';
import { ManualClock, startServer, type TestServer } from '../support/test-server';

const REGION_OF = { '330103': 'hangzhou', '330104': 'hangzhou', '330185': 'hangzhou', '330283': 'ningbo', '331021': 'taizhou' } as const;
const servers = new Map<string, TestServer>();
// Mid-morning, whenever the tests run: events a few minutes old belong to today, not to the day
// before (run just after midnight in Asia/Shanghai, "3 minutes ago" was yesterday).
const clock = new ManualClock(Date.parse('2026-11-27T10:00:00+08:00'));
const minutesAgo = (n: number) => new Date(clock.ms - n * 60_000).toISOString();

beforeAll(async () => {
  for (const region of new Set(Object.values(REGION_OF))) servers.set(region, await startServer({ clock, env: { FRAUDWALL_REGION: region } }));
});
afterAll(async () => {
  for (const server of servers.values()) await server.destroy();
});

describe('legacy county codes', () => {
  for (const [legacy, successor] of Object.entries(LEGACY_SUCCESSORS)) {
    it(`accepts ${legacy}, counts it under ${successor} and stores it as sent`, async () => {
      const server = servers.get(REGION_OF[legacy as keyof typeof REGION_OF])!;
      const before = (await server.snapshot()).counties.find((c) => c.adcode === successor)!;
      const sent = warning(`l-${legacy}-w`, minutesAgo(3), { county: legacy });
      const result = await server.ingest([
        sent,
        contact(`l-${legacy}-c`, `l-${legacy}-w`, minutesAgo(2), { county: legacy, result: 'unreachable' }),
        interception(`l-${legacy}-i`, minutesAgo(1), { county: legacy, amountFen: 50_000 }),
      ]);
      expect(result.accepted).toBe(3);
      const snapshot = await server.snapshot();
      expect(snapshot.counties.map((c) => c.adcode)).not.toContain(legacy);
      const county = snapshot.counties.find((c) => c.adcode === successor)!;
      expect(county.warnings).toBe(before.warnings + 1);
      expect(county.interceptedFen).toBe(before.interceptedFen + 50_000);
      expect(snapshot.activeEscalations.find((e) => e.warningId === `l-${legacy}-w`)?.county).toBe(successor);
      const [stored] = await storedRows<{ body: string }>(server, 'SELECT body FROM events WHERE id = $1', [`l-${legacy}-w`]);
      expect((JSON.parse(stored!.body) as { county: string }).county).toBe(legacy);
      // Sent again as it was: a duplicate, not a second count.
      expect((await server.ingest([sent])).duplicates).toBe(1);
      expect((await storedIntegrity(server, server.app.calendar)).differences).toEqual([]);
      // After a restart the ticker's newest events name today's county too.
      await server.close();
      const restarted = await startServer({ clock, dataDir: server.dataDir, env: { FRAUDWALL_REGION: REGION_OF[legacy as keyof typeof REGION_OF] } });
      servers.set(REGION_OF[legacy as keyof typeof REGION_OF], restarted);
      const recent = (await restarted.snapshot()).recent.filter((e) => e.id.startsWith(`l-${legacy}-`));
      expect(recent.map((e) => e.county)).toEqual([successor, successor, successor]);
    });
  }

  it('accepts today’s codes (临平区, 钱塘区) and refuses a legacy code outside the region', async () => {
    const hangzhou = servers.get('hangzhou')!;
    expect((await hangzhou.ingest([warning('l-linping', minutesAgo(1), { county: '330113' }), warning('l-qiantang', minutesAgo(1), { county: '330114' })])).accepted).toBe(2);
    const response = await hangzhou.post([warning('l-fenghua', minutesAgo(1), { county: '330283' })]);
    const body = (await response.json()) as { rejected: { errors: string[] }[] };
    expect(body.rejected[0]?.errors).toEqual(['county: 330283 is not a county of region hangzhou']);
  });
});
