// A console reads the list of victims again whenever it changes — several times a minute on a
// busy day. One audit record a minute per reader, scope and address says who saw it, when and
// from where, without a record per read. Kept per node, bounded.
const EVERY_MS = 60_000;
const MAX_READERS = 10_000;

export class RecentViews {
  readonly #last = new Map<string, number>();

  /** Whether this read is to be recorded (the reader's first in a minute). */
  due(reader: string, nowMs: number): boolean {
    const last = this.#last.get(reader);
    if (last !== undefined && nowMs - last < EVERY_MS) return false;
    if (this.#last.size >= MAX_READERS) this.#last.clear();
    this.#last.set(reader, nowMs);
    return true;
  }
}
