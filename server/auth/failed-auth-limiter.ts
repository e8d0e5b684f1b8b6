// After 20 failed authentications from one address within a minute, that address gets 429 on
// anything that presents or needs a token until 60 s after the first of those failures.

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

  recordFailure(address: string): void {
    const window = this.#current(address);
    if (window) {
      window.failures++;
      return;
    }
    if (this.#windows.size >= MAX_TRACKED) this.#dropExpired();
    if (this.#windows.size >= MAX_TRACKED) {
      const oldest = this.#windows.keys().next().value;
      if (oldest !== undefined) this.#windows.delete(oldest);
    }
    this.#windows.set(address, { firstFailureMs: this.now(), failures: 1 });
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
