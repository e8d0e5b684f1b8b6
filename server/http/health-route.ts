// GET /healthz: 200 {"ok": true} while a write would be kept; 503 with the reason when not (the
// database file removed or replaced, the disk full, writes or checkpoints failing), or when the
// store does not answer in time.
import { Router } from 'express';

const ANSWER_WITHIN_MS = 3_000;

/** Whether a write would be kept; `problem` says why not, for /healthz, the log and the wall. */
export interface StoreHealth {
  readonly ok: boolean;
  readonly problem?: string;
}

export interface HealthCheckApi {
  /** Runs the engine's checks, a real write among them. */
  checkHealth(): Promise<StoreHealth>;
}

export function healthRoute(store: HealthCheckApi): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const late = new Promise<StoreHealth>((resolve) => {
      setTimeout(() => resolve({ ok: false, problem: 'the store did not answer in time' }), ANSWER_WITHIN_MS).unref();
    });
    const health = await Promise.race([store.checkHealth().catch((error: unknown) => ({ ok: false, problem: String(error) })), late]);
    res.status(health.ok ? 200 : 503).json(health.ok ? { ok: true } : { ok: false, error: health.problem });
  });
  return router;
}
