// GET /healthz: 200 {"ok": true} while a write would be kept; 503 with the reason when not (the
// database file removed or replaced, the disk full, writes or checkpoints failing), or when the
// store does not answer in time.
//
// Anyone may ask, as often as they like (issue 22): the answer is the latest probe's, and the
// store is probed — a real write among its checks — at most once a second, however many ask, so
// polling /healthz adds nothing to the queue ingest waits in. A probe turned away because the
// store's queue is full is load, not a dead node: the answer is then the health the store last
// reported, and a load balancer does not take a busy node out of the round.
import { Router } from 'express';

const ANSWER_WITHIN_MS = 3_000;
export const PROBE_EVERY_MS = 1_000;
/** What a 503 tells a client to wait before asking again. */
const RETRY_AFTER_S = 5;

/** Whether a write would be kept; `problem` says why not, for /healthz, the log and the wall. */
export interface StoreHealth {
  readonly ok: boolean;
  readonly problem?: string;
}

export interface HealthCheckApi {
  /** Runs the engine's checks, a real write among them. */
  checkHealth(): Promise<StoreHealth>;
}

export interface HealthSource extends HealthCheckApi {
  /** The latest health the store reported, without asking. */
  readonly health: StoreHealth;
}

export interface HealthProbeOptions {
  /** Whether a failed probe was only turned away for load (the store's queue was full). */
  readonly isLoad: (error: unknown) => boolean;
  /** Counts each probe (/metrics). */
  readonly onProbe: () => void;
  /** Monotonic milliseconds; tests pass their own. */
  readonly nowMs?: () => number;
}

/** One probe at a time, at most one a second; everyone in between gets its answer. */
export class SharedHealthProbe {
  readonly #nowMs: () => number;
  #last: { readonly atMs: number; readonly health: StoreHealth } | undefined;
  #running: Promise<StoreHealth> | undefined;

  constructor(
    private readonly store: HealthSource,
    private readonly options: HealthProbeOptions,
  ) {
    this.#nowMs = options.nowMs ?? (() => performance.now());
  }

  current(): Promise<StoreHealth> {
    // Between probes, a write that failed or found the database gone tells at once.
    if (this.#last && this.#nowMs() - this.#last.atMs < PROBE_EVERY_MS) return Promise.resolve(this.store.health.ok ? this.#last.health : this.store.health);
    return (this.#running ??= this.#probe().finally(() => (this.#running = undefined)));
  }

  async #probe(): Promise<StoreHealth> {
    this.options.onProbe();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<StoreHealth>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, problem: 'the store did not answer in time' }), ANSWER_WITHIN_MS);
    });
    const checked = this.store.checkHealth().catch((error: unknown) => (this.options.isLoad(error) ? this.store.health : { ok: false, problem: String(error) }));
    const health = await Promise.race([checked, late]);
    clearTimeout(timer);
    this.#last = { atMs: this.#nowMs(), health };
    return health;
  }
}

export function healthRoute(probe: SharedHealthProbe): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const health = await probe.current();
    if (health.ok) res.json({ ok: true });
    else res.set('Retry-After', String(RETRY_AFTER_S)).status(503).json({ ok: false, error: health.problem });
  });
  return router;
}
