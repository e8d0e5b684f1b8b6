// What one wall socket may ask of the server: a snapshot at most once a second (asking again
// sooner is answered once, when the second is up), and a bounded number of messages.
import { FLOOD_MESSAGES, FLOOD_WINDOW_MS, SNAPSHOT_INTERVAL_MS } from './stream-limits';

export class ClientPacer {
  #lastSnapshotMs = -Infinity;
  #deferred: NodeJS.Timeout | undefined;
  #windowStartMs = -Infinity;
  #messages = 0;

  constructor(
    private readonly now: () => number,
    private readonly sendSnapshot: () => void,
  ) {}

  /** The socket wants a snapshot: now, or once its second is up (coalescing every ask meanwhile). */
  snapshot(): void {
    if (this.#deferred) return;
    const wait = this.#lastSnapshotMs + SNAPSHOT_INTERVAL_MS - this.now();
    if (wait <= 0) {
      this.#lastSnapshotMs = this.now();
      this.sendSnapshot();
      return;
    }
    this.#deferred = setTimeout(() => {
      this.#deferred = undefined;
      this.snapshot();
    }, wait);
  }

  /** Counts a message from the client; true once it floods. */
  floods(): boolean {
    const now = this.now();
    if (now - this.#windowStartMs >= FLOOD_WINDOW_MS) {
      this.#windowStartMs = now;
      this.#messages = 0;
    }
    return ++this.#messages > FLOOD_MESSAGES;
  }

  close(): void {
    clearTimeout(this.#deferred);
    this.#deferred = undefined;
  }
}
