// The wall's clock: the server's time from the latest heartbeat, run on locally at the
// server's clock rate (1, or a demo's faster clock), so every screen in the room shows the
// server's time and a demo's escalation timers do not stall and jump between heartbeats.
import type { WallStore } from './wall.svelte';

/** Where the clock reads the server's time: the live connection, or a played-back wall's feed. */
export interface TimeSource {
  readonly serverTime: { readonly serverMs: number; readonly localMs: number };
}

const TICK_MS = 250;

export class ServerClock {
  now = $state(Date.now());
  /** The screen's own time, ticking with `now`: what banners and page turns are measured in. */
  realNow = $state(Date.now());
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(connection: TimeSource, wall: WallStore) {
    this.#timer = setInterval(() => {
      const { serverMs, localMs } = connection.serverTime;
      this.realNow = Date.now();
      this.now = serverMs + (this.realNow - localMs) * (wall.state?.wall.clockRate ?? 1);
    }, TICK_MS);
  }

  close(): void {
    clearInterval(this.#timer);
  }
}
