// After 20 failed authentications from one address within a minute, further failed attempts
// from it get 429 instead of 401 until 60 s after the first of those failures. Counted in this
// node's memory, and — so that the rule holds across every node — in the store, whose count
// decides (shared-failed-auth-limiter.ts).

export const MAX_FAILURES = 20;
export const WINDOW_MS = 60_000;
/** Addresses tracked at most; the oldest windows are dropped first when a flood exceeds it. */
const MAX_TRACKED = 100_000;

interface Window {
  firstFailureMs: number;
  failures: number;
}

/** What decides: the failures an address has in its current window, this one included. */
export interface FailureCounter {
  countFailure(address: string): number | Promise<number>;
  /** Until when this node already refuses the address, without counting anything (0: it does not). */
  refusedUntilMs(address: string): number;
}

/** Past MAX_FAILURES, a failure is answered 429. */
export const isLockedOut = (failures: number) => failures > MAX_FAILURES;

export class FailedAuthLimiter implements FailureCounter {
  readonly #windows = new Map<string, Window>();

  constructor(private readonly now: () => number) {}

  countFailure(address: string): number {
    const window = this.#current(address);
    if (window) return ++window.failures;
    if (this.#windows.size >= MAX_TRACKED) this.#dropExpired();
    if (this.#windows.size >= MAX_TRACKED) {
      const oldest = this.#windows.keys().next().value;
      if (oldest !== undefined) this.#windows.delete(oldest);
    }
    this.#windows.set(address, { firstFailureMs: this.now(), failures: 1 });
    return 1;
  }

  refusedUntilMs(address: string): number {
    const window = this.#current(address);
    return window && isLockedOut(window.failures) ? window.firstFailureMs + WINDOW_MS : 0;
  }

  #current(address: string): Window | undefined {
    const window = this.#windows.get(address);
    if (window && this.now() - window.firstFailureMs >= WINDOW_MS) {
      this.#windows.delete(address);
      return undefined;
    }
    return window;
  }

  #dropExpired(): void {
    const now = this.now();
    for (const [address, window] of this.#windows) {
      if (now - window.firstFailureMs >= WINDOW_MS) this.#windows.delete(address);
    }
  }
}
