// /healthz's probe (issue 22): however many ask at once, the store is probed at most once a
// second; a probe turned away because the store's queue is full answers the health the store
// last reported (load is not a dead node); a write's failure between probes shows at once.
import { describe, expect, it } from 'vitest';
import { PROBE_EVERY_MS, SharedHealthProbe, type HealthSource, type StoreHealth } from '../../server/http/health-route';

class Busy extends Error {}

/** A store whose checks the test answers: counts them, and fails them as told. */
function storeOf(answer: () => Promise<StoreHealth>) {
  const store = { checks: 0, health: { ok: true } as StoreHealth, checkHealth: () => (store.checks++, answer()) };
  return store satisfies HealthSource;
}

describe('the shared health probe', () => {
  it('probes once for a hundred callers, and again only after a second', async () => {
    let ms = 0;
    const store = storeOf(async () => ({ ok: true }));
    const probe = new SharedHealthProbe(store, { isLoad: () => false, onProbe: () => {}, nowMs: () => ms });
    const answers = await Promise.all(Array.from({ length: 100 }, () => probe.current()));
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(store.checks).toBe(1);
    ms += PROBE_EVERY_MS - 1;
    await probe.current();
    expect(store.checks).toBe(1);
    ms += 1;
    await probe.current();
    expect(store.checks).toBe(2);
  });

  it('answers the last reported health when the probe is turned away for load, and a real failure as one', async () => {
    let ms = 0;
    let fail: Error = new Busy('the store is busy');
    const store = storeOf(() => Promise.reject(fail));
    const probe = new SharedHealthProbe(store, { isLoad: (error) => error instanceof Busy, onProbe: () => {}, nowMs: () => ms });
    expect(await probe.current()).toEqual({ ok: true });
    ms += PROBE_EVERY_MS;
    fail = new Error('disk I/O error');
    expect(await probe.current()).toEqual({ ok: false, problem: 'Error: disk I/O error' });
  });

  it('shows a failed write between probes at once', async () => {
    const store = storeOf(async () => ({ ok: true }));
    const probe = new SharedHealthProbe(store, { isLoad: () => false, onProbe: () => {}, nowMs: () => 0 });
    expect(await probe.current()).toEqual({ ok: true });
    store.health = { ok: false, problem: 'a write failed: SQLITE_FULL' };
    expect(await probe.current()).toEqual({ ok: false, problem: 'a write failed: SQLITE_FULL' });
  });
});
