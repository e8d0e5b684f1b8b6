// GET /metrics in Prometheus format: ingest outcomes, how long committed events wait for the
// delta that carries them to the walls, connected walls, database size, and Node's own
// figures (event-loop delay, heap, CPU) from prom-client's defaults.
import type { Database } from 'better-sqlite3';
import { Router } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { IngestOutcome } from '../ingest/ingest-pipeline';

export class Metrics {
  readonly registry = new Registry();
  readonly #events: Counter<'outcome'>;
  readonly #lag: Histogram;
  /** When the oldest event not yet carried by a delta was committed (performance.now()). */
  #waitingSince: number | undefined;

  constructor(db: Database, connectedClients: () => number) {
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
    new Gauge({
      name: 'fraudwall_database_bytes',
      help: 'Size of the SQLite database (pages × page size).',
      registers: [this.registry],
      collect() {
        const pages = db.pragma('page_count', { simple: true }) as number;
        const size = db.pragma('page_size', { simple: true }) as number;
        this.set(pages * size);
      },
    });
  }

  committed({ summary }: IngestOutcome): void {
    if (summary.accepted > 0) {
      this.#events.inc({ outcome: 'accepted' }, summary.accepted);
      this.#waitingSince ??= performance.now();
    }
    if (summary.duplicates > 0) this.#events.inc({ outcome: 'duplicate' }, summary.duplicates);
    if (summary.rejected.length > 0) this.#events.inc({ outcome: 'rejected' }, summary.rejected.length);
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
