// GET /metrics in Prometheus format: answers by route and status, refusals by reason, ingest outcomes, how long committed events wait for the
// delta that carries them to the walls, connected sockets, walls by build, sockets by scope, database size, each alert target's deliveries, and Node's own
// figures (event-loop delay, heap, CPU) from prom-client's defaults.
import type { TargetOutbox } from '../alerts/alerts-api';
import { Router, type RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BuildIdentity } from '../http/build-version';
import type { StoreHealth } from '../http/health-route';
import type { IngestCounts } from '../ingest/ingest-api';
import { HANDSHAKE_REFUSALS, type HandshakeRefusal } from '../stream/handshake-policy';

export interface MetricsApi {
  /** The latest health seen, without waiting. */
  readonly health: StoreHealth;
  databaseBytes(): Promise<number>;
  /** Each alert target's outbox, as every node shares it (issue 26). */
  alertOutbox(): Promise<TargetOutbox[]>;
}

/** Every refusal the server answers, by why: initialised at zero, so the first after a start counts in increase(). */
export const REFUSAL_BY_STATUS = {
  400: 'invalid',
  401: 'unauthenticated',
  403: 'forbidden',
  413: 'too-large',
  415: 'unsupported-type',
  429: 'too-many',
  503: 'unavailable',
} as const satisfies Record<number, string>;
export type RefusalReason = (typeof REFUSAL_BY_STATUS)[keyof typeof REFUSAL_BY_STATUS] | HandshakeRefusal;

export class Metrics {
  readonly registry = new Registry();
  readonly #answers: Counter<'route' | 'status'>;
  readonly #refusals: Counter<'reason'>;
  readonly #events: Counter<'outcome'>;
  readonly #healthProbes: Counter;
  readonly #lag: Histogram;
  /** When the oldest event not yet carried by a delta was committed (performance.now()). */
  #waitingSince: number | undefined;

  constructor(
    store: MetricsApi,
    build: BuildIdentity,
    connectedClients: () => number,
    wallsByVersion: () => ReadonlyMap<string, number>,
    socketsByScope: () => ReadonlyMap<string, number>,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'fraudwall_' });
    new Gauge({
      name: 'fraudwall_build_info',
      help: 'The build this node runs: its release, commit and build id (always 1).',
      labelNames: ['release', 'commit', 'version'],
      registers: [this.registry],
    }).set({ release: build.release, commit: build.commit, version: build.version }, 1);
    this.#answers = new Counter({
      name: 'fraudwall_http_answers_total',
      help: 'HTTP answers by route (the pattern it matched, or "unrouted") and status.',
      labelNames: ['route', 'status'],
      registers: [this.registry],
    });
    this.#refusals = new Counter({
      name: 'fraudwall_refusals_total',
      help: 'Requests and wall-stream handshakes refused, by reason (the HTTP status it maps to, or the handshake rule).',
      labelNames: ['reason'],
      registers: [this.registry],
    });
    for (const reason of [...Object.values(REFUSAL_BY_STATUS), ...HANDSHAKE_REFUSALS]) this.#refusals.inc({ reason }, 0);
    this.#healthProbes = new Counter({
      name: 'fraudwall_health_probes_total',
      help: 'Checks of the store that /healthz ran (at most one a second, however many ask).',
      registers: [this.registry],
    });
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
    this.#alertOutbox(() => store.alertOutbox());
    new Gauge({
      name: 'fraudwall_store_healthy',
      help: '1 while a write would be kept, 0 while not (see /healthz for why).',
      registers: [this.registry],
      collect() {
        this.set(store.health.ok ? 1 : 0);
      },
    });
  }

  /**
   * Each alert target's deliveries: the store's, so the same on every node — one read per scrape
   * for the four of them.
   */
  #alertOutbox(read: () => Promise<TargetOutbox[]>): void {
    let scrape: { at: number; rows: Promise<TargetOutbox[]> } | undefined;
    const rows = () => {
      if (!scrape || performance.now() - scrape.at > 1_000) scrape = { at: performance.now(), rows: read() };
      return scrape.rows;
    };
    const gauge = (name: string, help: string, value: (row: TargetOutbox, nowMs: number) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['target'],
        registers: [this.registry],
        async collect() {
          const now = Date.now();
          this.reset();
          for (const row of await rows()) this.set({ target: row.target }, value(row, now));
        },
      });
    gauge('fraudwall_alert_sent_messages', 'Requests each alert target took (a digest counts once), since it was added; the same on every node.', (row) => row.sent);
    gauge('fraudwall_alert_failed_attempts', 'Requests each alert target refused or never answered, since it was added.', (row) => row.failed);
    gauge('fraudwall_alert_pending_messages', 'Alarms waiting in the outbox for each target.', (row) => row.pending);
    gauge('fraudwall_alert_oldest_pending_seconds', 'How long the oldest alarm waiting for each target has waited (0: none waits).', (row, now) =>
      row.oldestPendingMs === undefined ? 0 : Math.max(0, (now - row.oldestPendingMs) / 1000),
    );
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

  /** Express middleware, first in line: counts each answer once it is sent. */
  countAnswers(): RequestHandler {
    return (req, res, next) => {
      res.once('finish', () => {
        // The matched pattern, never the path itself: the label's values stay few whatever clients send.
        const route = req.route === undefined ? 'unrouted' : `${req.method} ${req.baseUrl}${String((req.route as { path: unknown }).path)}`;
        this.#answers.inc({ route, status: String(res.statusCode) });
        const reason = (REFUSAL_BY_STATUS as Record<number, RefusalReason | undefined>)[res.statusCode];
        if (reason !== undefined) this.refused(reason);
      });
      next();
    };
  }

  healthProbed(): void {
    this.#healthProbes.inc();
  }

  refused(reason: RefusalReason): void {
    this.#refusals.inc({ reason });
  }

  committed(counts: IngestCounts): void {
    if (counts.accepted > 0) this.#events.inc({ outcome: 'accepted' }, counts.accepted);
    if (counts.duplicates > 0) this.#events.inc({ outcome: 'duplicate' }, counts.duplicates);
    if (counts.rejected > 0) this.#events.inc({ outcome: 'rejected' }, counts.rejected);
  }

  /**
   * A committed batch's change reached the live state. Timed from here, not from the answer to
   * its sender: the first delta after a quiet spell can leave before that answer is read.
   */
  changeArrived(): void {
    this.#waitingSince ??= performance.now();
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
