// After 20 failed authentications from one address within a minute, further failed attempts
// from it get 429 instead of 401 until 60 s after the first of those failures.

export const MAX_FAILURES = 20;
export const WINDOW_MS = 60_000;
/** Addresses tracked at most; the oldest windows are dropped first when a flood exceeds it. */
const MAX_TRACKED = 100_000;

interface Window {
  firstFailureMs: number;
  failures: number;
}

export class FailedAuthLimiter {
  readonly #windows = new Map<string, Window>();

  constructor(private readonly now: () => number) {}

  isBlocked(address: string): boolean {
    const window = this.#current(address);
    return window !== undefined && window.failures >= MAX_FAILURES;
  }

  /** Counts a failure; returns how many the address has in its current window. */
  recordFailure(address: string): number {
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
