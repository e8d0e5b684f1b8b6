// Issue 22, item 10: /healthz is cheap whatever polls it, and refusals are visible.
// - 64 connections polling /healthz beside ingest: every batch answered 200, health answered 200
//   within the address's budget and 429 (Retry-After) past it, never 503, and the store probed
//   about once a second, not once a request.
// - /metrics counts answers by route and status and refusals by reason, the reasons present at
//   zero from the start (so increase() sees the first refusal after a restart).
// - Every 429 and 503 carries Retry-After.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS_BUDGETS } from '../../server/http/anonymous-gate';
import { warning } from '../fixtures/events';
import { startServer, type TestServer } from '../support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.destroy());

const metrics = async () => (await fetch(`${server.url}/metrics`)).text();
const sample = (text: string, series: string) => Number(new RegExp(`^${series.replace(/[{}"=.]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);

describe('health and refusals', () => {
  it('starts with every refusal reason at zero', async () => {
    const text = await metrics();
    for (const reason of ['invalid', 'unauthenticated', 'forbidden', 'too-large', 'unsupported-type', 'too-many', 'unavailable', 'socket-origin', 'socket-per-address']) {
      expect(sample(text, `fraudwall_refusals_total{reason="${reason}"}`), reason).toBe(0);
    }
  });

  it('answers 64 pollers of /healthz from a probe a second, past the address’s budget with 429, while ingest answers every batch', async () => {
    const probesBefore = sample(await metrics(), 'fraudwall_health_probes_total');
    const started = performance.now();
    const until = started + 3_000;
    const statuses: number[] = [];
    const withoutRetryAfter: number[] = [];
    const poll = async () => {
      while (performance.now() < until) {
        const answer = await fetch(`${server.url}/healthz`);
        statuses.push(answer.status);
        if (answer.status === 429 && answer.headers.get('retry-after') !== '1') withoutRetryAfter.push(answer.status);
        await answer.arrayBuffer();
      }
    };
    const ingest = async () => {
      const answers: number[] = [];
      for (let i = 0; performance.now() < until; i++) answers.push((await server.post([warning(`hf-${i}`, new Date(Date.now() - 60_000).toISOString())])).status);
      return answers;
    };
    const [ingested] = await Promise.all([ingest(), ...Array.from({ length: 64 }, poll)]);
    const seconds = (performance.now() - started) / 1000;
    expect(new Set(ingested)).toEqual(new Set([200]));
    // A monitor's share is answered; the flood past it is refused at the gate, never taken for a dead node.
    expect(new Set(statuses)).toEqual(new Set([200, 429]));
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(ANONYMOUS_BUDGETS.health.burst);
    expect(withoutRetryAfter).toEqual([]);
    const probes = sample(await metrics(), 'fraudwall_health_probes_total') - probesBefore;
    expect(probes).toBeGreaterThanOrEqual(1);
    expect(probes).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
  });

  it('counts answers by route and status, refusals by reason, and puts Retry-After on every 429', async () => {
    const before = await metrics();
    for (let i = 0; i < 21; i++) await server.post([warning('r-1', new Date().toISOString())], { token: `a-wrong-token-${i}` });
    const locked = await server.post([warning('r-1', new Date().toISOString())], { token: 'still-wrong' });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    const after = await metrics();
    const grew = (series: string) => sample(after, series) - (Number.isNaN(sample(before, series)) ? 0 : sample(before, series));
    expect(grew('fraudwall_http_answers_total{route="POST /api/v1/events",status="401"}')).toBe(20);
    expect(grew('fraudwall_http_answers_total{route="POST /api/v1/events",status="429"}')).toBe(2);
    expect(grew('fraudwall_refusals_total{reason="unauthenticated"}')).toBe(20);
    expect(grew('fraudwall_refusals_total{reason="too-many"}')).toBe(2);
  });

  it('refuses sign-ins from one address past its budget at the gate, before any work', async () => {
    const answers = await Promise.all(
      Array.from({ length: ANONYMOUS_BUDGETS['sign-in'].burst + 30 }, () =>
        fetch(`${server.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'gate.flood', password: 'not the password' }) }),
      ),
    );
    const gated = [];
    for (const answer of answers) {
      const body = await answer.text();
      if (answer.status === 429 && body.includes('too many requests from this address')) gated.push(answer.headers.get('retry-after'));
    }
    expect(gated.length).toBeGreaterThanOrEqual(20);
    expect(new Set(gated)).toEqual(new Set(['1']));
  });
});
