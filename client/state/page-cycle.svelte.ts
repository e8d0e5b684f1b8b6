// A list longer than its panel turns its own pages, so that nothing the room must see is hidden:
// every row is on screen at least once per CYCLE_MS (a page stays MIN_DWELL_MS at least, to be
// read, and MAX_DWELL_MS at most). The pages turn in real seconds, whatever a demo's clock does.

export const CYCLE_MS = 30_000;
export const MIN_DWELL_MS = 3_000;
export const MAX_DWELL_MS = 8_000;

/** How long each of `pages` pages stays up so that the whole list shows within CYCLE_MS. */
export function dwellMs(pages: number): number {
  return Math.min(MAX_DWELL_MS, Math.max(MIN_DWELL_MS, Math.floor(CYCLE_MS / Math.max(1, pages))));
}

/** Splits `count` rows into pages of `perPage`: at least one page, even for no rows. */
export function pageCount(count: number, perPage: number): number {
  return Math.max(1, Math.ceil(count / Math.max(1, perPage)));
}

export class PageCycle {
  /** The page on screen, from 0. */
  page = $state(0);
  pages = $state(1);
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** The list or the panel changed size: keep the page in range, and turn only when there is more than one. */
  follow(count: number, perPage: number): void {
    const pages = pageCount(count, perPage);
    if (pages === this.pages && this.#timer !== undefined) return;
    this.pages = pages;
    if (this.page >= pages) this.page = 0;
    this.#schedule();
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.pages < 2) return;
    this.#timer = setTimeout(() => {
      this.page = (this.page + 1) % this.pages;
      this.#schedule();
    }, dwellMs(this.pages));
  }
}
