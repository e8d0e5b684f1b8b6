// What the wall's panels draw, at most once a second. The state itself may change four times a
// second (a province at its peak), and each redraw of a 4K wall costs its main thread style,
// layout and paint; a figure a quarter second late is not news in the room. A new snapshot
// (a reconnection, a resync) is shown at once.

export class PacedView<T> {
  value = $state.raw<T | undefined>(undefined);
  #latest: T | undefined;
  #shownAt = Number.NEGATIVE_INFINITY;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly intervalMs: number) {}

  /** Shows `next` now if the last was long enough ago, else with the next turn. */
  offer(next: T | undefined): void {
    this.#latest = next;
    if (this.#timer !== undefined) return;
    const wait = this.#shownAt + this.intervalMs - performance.now();
    if (wait <= 0) this.#show();
    else this.#timer = setTimeout(() => this.#show(), wait);
  }

  /** Shows `next` at once (a fresh snapshot). */
  showNow(next: T | undefined): void {
    this.#latest = next;
    clearTimeout(this.#timer);
    this.#show();
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #show(): void {
    this.#timer = undefined;
    this.#shownAt = performance.now();
    this.value = this.#latest;
  }
}
