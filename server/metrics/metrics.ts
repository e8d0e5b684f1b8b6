// GET /metrics in Prometheus format: ingest outcomes, how long committed events wait for the
// delta that carries them to the walls, connected sockets, walls by build, sockets by scope, database size, and Node's own
// figures (event-loop delay, heap, CPU) from prom-client's defaults.
import { Router } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { StoreHealth } from '../http/health-route';
import type { IngestCounts } from '../ingest/ingest-api';

export interface MetricsApi {
  /** The latest health seen, without waiting. */
  readonly health: StoreHealth;
  databaseBytes(): Promise<number>;
}

export class Metrics {
  readonly registry = new Registry();
  readonly #events: Counter<'outcome'>;
  readonly #lag: Histogram;
  /** When the oldest event not yet carried by a delta was committed (performance.now()). */
  #waitingSince: number | undefined;

  constructor(
    store: MetricsApi,
    connectedClients: () => number,
    wallsByVersion: () => ReadonlyMap<string, number>,
    socketsByScope: () => ReadonlyMap<string, number>,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'fraudwall_' });
    this.#events = new Counter({
      name: 'fraudwall_ingest_events_total',
      help: 'Events received by ingest, by outcome (accepted, duplicate, rejected).',
      labelNames: ['outcome'],
      registers: [this.registry],
    });
    this.#lag = new Histogram({
      name: 'fraudwall_ingest_to_delta_seconds',
      help: 'From the commit of an event to the delta that carries it to the walls.',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
      registers: [this.registry],
    });
    new Gauge({
      name: 'fraudwall_connected_clients',
      help: 'Wall and viewer sockets connected now.',
      registers: [this.registry],
      collect() {
        this.set(connectedClients());
      },
    });
    this.#countsBy('fraudwall_walls', 'Walls connected now that have reported their health, by the build they run.', 'version', wallsByVersion);
    this.#countsBy(
      'fraudwall_stream_sockets',
      "Sockets on each watched scope's stream now, by the scope's adcode (scopes nobody watches are left out).",
      'scope',
      socketsByScope,
    );
    new Gauge({
      name: 'fraudwall_database_bytes',
      help: 'Size of the SQLite database (pages × page size).',
      registers: [this.registry],
      async collect() {
        this.set(await store.databaseBytes());
      },
    });
    new Gauge({
      name: 'fraudwall_store_healthy',
      help: '1 while a write would be kept, 0 while not (see /healthz for why).',
      registers: [this.registry],
      collect() {
        this.set(store.health.ok ? 1 : 0);
      },
    });
  }

  /** A gauge read at scrape time from a count per label value; values no longer counted drop out. */
  #countsBy(name: string, help: string, label: string, read: () => ReadonlyMap<string, number>): void {
    new Gauge({
      name,
      help,
      labelNames: [label],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [value, count] of read()) this.set({ [label]: value }, count);
      },
    });
  }

  committed(counts: IngestCounts): void {
    if (counts.accepted > 0) {
      this.#events.inc({ outcome: 'accepted' }, counts.accepted);
      this.#waitingSince ??= performance.now();
    }
    if (counts.duplicates > 0) this.#events.inc({ outcome: 'duplicate' }, counts.duplicates);
    if (counts.rejected > 0) this.#events.inc({ outcome: 'rejected' }, counts.rejected);
  }

  deltaSent(): void {
    if (this.#waitingSince === undefined) return;
    this.#lag.observe((performance.now() - this.#waitingSince) / 1000);
    this.#waitingSince = undefined;
  }

  route(): Router {
    const router = Router();
    router.get('/metrics', async (_req, res) => {
      res.type(this.registry.contentType).send(await this.registry.metrics());
    });
    return router;
  }
}
