// The ticker shows events at a steady pace: a burst queues up instead of making the line jitter,
// and a queue that grows too long drops its oldest, so what scrolls by is always recent.
import type { MaskedEvent } from '../../shared/format/mask-event';

export const TICKER_VISIBLE = 6;
const MAX_QUEUED = 30;
export const TICKER_STEP_MS = 1_200;

export class TickerQueue {
  /** Newest first. */
  shown = $state.raw<MaskedEvent[]>([]);
  #queue: MaskedEvent[] = [];
  readonly #timer: ReturnType<typeof setInterval>;

  constructor() {
    this.#timer = setInterval(() => this.#step(), TICKER_STEP_MS);
  }

  reset(recent: readonly MaskedEvent[]): void {
    this.#queue = [];
    this.shown = recent.slice(0, TICKER_VISIBLE);
  }

  /** New events, newest first. */
  enqueue(events: readonly MaskedEvent[]): void {
    // The queue is oldest first: the next one shown is the one that happened first.
    this.#queue.push(...[...events].reverse());
    if (this.#queue.length > MAX_QUEUED) this.#queue.splice(0, this.#queue.length - MAX_QUEUED);
  }

  close(): void {
    clearInterval(this.#timer);
  }

  #step(): void {
    const next = this.#queue.shift();
    if (next) this.shown = [next, ...this.shown].slice(0, TICKER_VISIBLE);
  }
}
