// Whether a write to the shared database would be kept: a small real write, answered within a
// couple of seconds. While it fails, writes are refused before they start (503, nothing stored)
// and every write first checks again, so the database's return clears it with the next request.
import type pg from 'pg';
import { Unwritable } from '../errors';
import type { StoreHealth } from '../../http/health-route';

const PROBE_WITHIN_MS = 2_000;

export class PgHealth {
  #health: StoreHealth = { ok: true };

  constructor(private readonly pool: pg.Pool) {}

  get health(): StoreHealth {
    return this.#health;
  }

  async check(): Promise<StoreHealth> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_WITHIN_MS} ms`)), PROBE_WITHIN_MS);
    });
    try {
      const probe = this.pool.query(
        "INSERT INTO meta (key, value) VALUES ('health.probe', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [new Date().toISOString()],
      );
      probe.catch(() => {});
      await Promise.race([probe, late]);
      this.#health = { ok: true };
    } catch (error) {
      this.#health = { ok: false, problem: `the database cannot keep writes: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      clearTimeout(timer);
    }
    return this.#health;
  }

  /** Before a write: while health is bad, check again, and refuse if it still is. */
  /** The database server's disk is its own to watch (README, Deploying): nothing to check here. */
  assertAuditRoom(): void {}

  async assertWritable(): Promise<void> {
    if (this.#health.ok) return;
    const { ok, problem } = await this.check();
    if (!ok) throw new Unwritable(problem ?? 'the database cannot keep writes');
  }

  writeFailed(error: unknown): void {
    this.#health = { ok: false, problem: `a write failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
