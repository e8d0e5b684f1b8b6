// GET /metrics: Prometheus text with ingest outcomes, delta lag, clients, database size and
// the event-loop delay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warning } from '../fixtures/events';
import { startServer, type TestServer } from '../support/test-server';
import { WallClient } from '../support/wall-client';
import { waitFor } from '../support/wait-for';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.destroy());

const metric = (text: string, name: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
};

describe('metrics', () => {
  it('counts ingest outcomes, times the delta, and reports clients and database size', async () => {
    const wall = new WallClient(server.url);
    await wall.connected();
    const at = new Date(Date.now() - 60_000).toISOString();
    await server.post([warning('m-1', at), warning('m-2', at), warning('m-1', at), { bad: true }]);
    await waitFor(() => expect(wall.deltas.length).toBeGreaterThan(0));

    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(metric(text, 'fraudwall_ingest_events_total{outcome="accepted"}')).toBe(2);
    expect(metric(text, 'fraudwall_ingest_events_total{outcome="duplicate"}')).toBe(1);
    expect(metric(text, 'fraudwall_ingest_events_total{outcome="rejected"}')).toBe(1);
    expect(metric(text, 'fraudwall_ingest_to_delta_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(metric(text, 'fraudwall_ingest_to_delta_seconds_bucket{le="1"}')).toBeGreaterThanOrEqual(1);
    expect(metric(text, 'fraudwall_connected_clients')).toBe(1);
    expect(metric(text, 'fraudwall_database_bytes')).toBeGreaterThan(10_000);
    expect(text).toMatch(/^fraudwall_nodejs_eventloop_lag_seconds \d/m);
    wall.close();
  });
});
