// npm run verify: a recount from the raw events equals the rollups; a tampered rollup is found.
import { describe, expect, it } from 'vitest';
import { contact, escalation, warning } from '../fixtures/events';
import { shuffledHours } from '../fixtures/shuffled-day';
import { runVerify } from '../support/verify';
import { storedRows } from '../support/stored';
import { startServer } from '../support/test-server';

describe('npm run verify', () => {
  it('finds every rollup equal to a recount after a busy, out-of-order day, and reports tampering', async () => {
    const server = await startServer();
    const end = Date.now() - 60_000;
    const events = shuffledHours(server.app.calendar, { seed: 11, idPrefix: 'ver', hours: 30, endMs: end, reach: 40 });
    events.push(
      // An escalation step, then an earlier unreachable call across midnight, then the warning.
      escalation('v-e', 'v-w', new Date(end - 3_600_000).toISOString(), 'comms'),
      contact('v-c', 'v-w', new Date(end - 26 * 3_600_000).toISOString(), { result: 'unreachable' }),
      warning('v-w', new Date(end - 27 * 3_600_000).toISOString()),
    );
    for (let i = 0; i < events.length; i += 500) await server.ingest(events.slice(i, i + 500));
    await server.close();

    const ok = await runVerify(server);
    expect(ok.stdout).toMatch(/^verify: OK — \d+ events recounted/);
    expect(ok.code).toBe(0);

    await storedRows(
      server,
      "UPDATE rollups SET value = value + 1 WHERE (day, county, metric) = (SELECT day, county, metric FROM rollups WHERE metric = 'warnings' LIMIT 1)",
    );
    const tampered = await runVerify(server);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/rollups \d{4}-\d\d-\d\d\|\d{6}\|warnings: stored \d+ ≠ recounted \d+/);
    await server.destroy();
  });
});
