// The wall's minutely report on itself (shared/protocol/wall-health.ts): at once on every
// (re)connection, then every minute, so the console sees each screen alive and on which build.
import { WALL_HEALTH_EVERY_MS, type WallHealth } from '../../shared/protocol/wall-health';

export class HealthReporter {
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly send: (health: WallHealth) => void,
    /** Undefined until the wall has a state to say what it shows. */
    private readonly collect: () => WallHealth | undefined,
  ) {
    this.#timer = setInterval(() => this.reportNow(), WALL_HEALTH_EVERY_MS);
  }

  reportNow(): void {
    const health = this.collect();
    if (health) this.send(health);
  }

  close(): void {
    clearInterval(this.#timer);
  }
}

/** The JS heap in use, where the browser tells (Chromium's non-standard performance.memory). */
export function heapBytes(): number | undefined {
  const memory = (performance as Performance & { memory?: { usedJSHeapSize?: number } }).memory;
  return typeof memory?.usedJSHeapSize === 'number' ? Math.round(memory.usedJSHeapSize) : undefined;
}
