// The server's clock, passed in rather than read: tests cross midnight without waiting for it,
// and the demo's whole server runs on a faster one.
export interface Clock {
  now(): number;
  /** How many of its milliseconds pass in a real one (a demo's or a test's clock runs faster). */
  readonly rate: number;
}

export const systemClock: Clock = { now: () => Date.now(), rate: 1 };
