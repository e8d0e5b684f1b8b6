// Snapshot + deltas in one place: the only state the wall's panels read.
import type { MaskedEvent } from '../../shared/format/mask-event';
import { mergePatched } from '../../shared/protocol/merge-patch';
import type { Delta, Snapshot, WallState } from '../../shared/protocol/wall-state';

/** The ticker's memory: enough for the screen, never more. */
export const TICKER_LIMIT = 40;

export class WallStore {
  /** Replaced whole on every change: panels re-derive from it. */
  state = $state.raw<WallState | undefined>(undefined);
  recent = $state.raw<MaskedEvent[]>([]);
  /** When the data on screen was last brought up to date (server time). */
  asOf = $state('');
  bootId = '';
  seq = -1;
  /** Told of every snapshot taken (first connect, resync, restarted server). */
  onReset: ((state: WallState, recent: MaskedEvent[]) => void) | undefined;
  /** Told of events new to this wall, newest first, as deltas bring them. */
  onNewEvents: ((events: MaskedEvent[]) => void) | undefined;

  reset(snapshot: Snapshot): void {
    const { bootId, seq, asOf, recent, ...state } = snapshot;
    this.bootId = bootId;
    this.seq = seq;
    this.asOf = asOf;
    this.state = state;
    this.recent = recent.slice(0, TICKER_LIMIT);
    this.onReset?.(state, this.recent);
  }

  /** A whole new state that continues the one shown (a played-back wall's next moment): its new events are news. */
  replace(snapshot: Snapshot): void {
    const { bootId, seq, asOf, recent, ...state } = snapshot;
    this.bootId = bootId;
    this.seq = seq;
    this.asOf = asOf;
    this.state = state;
    const known = new Set(this.recent.map((e) => e.id));
    const fresh = recent.filter((e) => !known.has(e.id));
    this.recent = recent.slice(0, TICKER_LIMIT);
    if (fresh.length > 0) this.onNewEvents?.(fresh.slice(0, TICKER_LIMIT));
  }

  /**
   * Applies a delta in sequence; false on a gap, a restarted server or a patch that cannot be
   * applied (the caller resyncs). Nothing moves — not the seq, not the time of the data — until
   * the patch has applied: a wall that failed must never look up to date.
   */
  accept(delta: Delta): boolean {
    if (this.state === undefined || delta.bootId !== this.bootId || delta.seq !== this.seq + 1) return false;
    // A state's patch is an object; anything else (a corrupted frame) would replace the whole state.
    if (typeof delta.patch !== 'object' || delta.patch === null || Array.isArray(delta.patch)) return false;
    if (Object.keys(delta.patch).length > 0) {
      try {
        this.state = mergePatched(this.state, delta.patch);
      } catch (error) {
        console.warn('fraudwall: a delta could not be applied; asking for a fresh snapshot', error);
        return false;
      }
    }
    this.seq = delta.seq;
    this.asOf = delta.asOf;
    if (delta.recent?.length) {
      const known = new Set(this.recent.map((e) => e.id));
      const fresh = delta.recent.filter((e) => !known.has(e.id));
      this.recent = [...fresh, ...this.recent].slice(0, TICKER_LIMIT);
      if (fresh.length > 0) this.onNewEvents?.(fresh);
    }
    return true;
  }
}
