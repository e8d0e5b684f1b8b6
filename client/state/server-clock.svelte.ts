// The wall's clock: local time corrected by the offset the heartbeats report, so every screen
// in the room shows the server's time.
const TICK_MS = 250;

export class ServerClock {
  now = $state(Date.now());
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(private readonly offsetMs: () => number) {
    this.#timer = setInterval(() => (this.now = Date.now() + this.offsetMs()), TICK_MS);
  }

  close(): void {
    clearInterval(this.#timer);
  }
}
