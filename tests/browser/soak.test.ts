// The short soak in CI: a simulated day and a half in about two minutes of real time (a minute
// gave samples too short to judge render time on a shared machine), with the
// wall in Chromium; heap, DOM nodes, listeners and render time must not trend upward.
// `npm test` runs it on its own after the other tests (it measures the wall, so it must not
// share the CPU with them); `npm run soak` runs the full one (a day in 15 minutes).
import { describe, expect, it } from 'vitest';
import { runSoak } from '../../bench/soak';
import { HAS_CHROMIUM } from '../support/browser';

describe.skipIf(!HAS_CHROMIUM)('soak (short)', () => {
  it('keeps the wall flat over a simulated day, midnight included', async () => {
    const result = await runSoak({ minutes: 1.5 });
    expect(result.simulatedHours).toBeGreaterThanOrEqual(36);
    expect(result.samples.length).toBeGreaterThan(30);
    expect(result.failures).toEqual([]);
  }, 300_000);
});
