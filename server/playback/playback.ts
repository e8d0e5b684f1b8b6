// Playback (历史回放, issue 27): a scope's state as it was at a moment, for a wall that plays a
// night forward in a review. The basis is built on the store's reading thread (playback-basis.ts),
// then a fresh live state is started from it exactly as the live one starts from today's, so
// what it shows is what a live wall showed. A played-back state feeds no stream, no alarm and no
// robot. Builds are bounded: walls asking for the same moment share one, at most BUILDS_AT_ONCE
// run or wait at a time, and a request beyond is told to come back (503 with Retry-After).
import type { Snapshot } from '../../shared/protocol/wall-state';
import type { Scope } from '../../shared/region';
import type { LiveBasis } from '../aggregate/live-basis';
import { LiveState, type LiveStateOptions } from '../aggregate/live-state';
import type { PlaybackApi } from './playback-api';

/** Builds running or waiting at once, across every wall and request of this node. */
export const BUILDS_AT_ONCE = 4;
/** Moments whose basis is kept for the next wall that asks for the same one. */
const KEPT = 8;

export type PlaybackOptions = Omit<LiveStateOptions, 'loadBasis' | 'onBasisError' | 'feedOf'>;

export class PlaybackBusy extends Error {
  constructor() {
    super(`${BUILDS_AT_ONCE} playbacks are being built already; ask again shortly`);
  }
}

export class Playback {
  readonly #bases = new Map<number, Promise<LiveBasis>>();
  #building = 0;

  constructor(
    private readonly store: PlaybackApi,
    private readonly options: PlaybackOptions,
  ) {}

  /** The scope's state at `atMs` as a snapshot, marked as played back. */
  async snapshotAt(atMs: number, scope: Scope): Promise<Snapshot & { playback: { at: string } }> {
    const basis = await this.#basis(atMs);
    const state = new LiveState({
      ...this.options,
      loadBasis: async () => basis,
      onBasisError: () => {},
    });
    state.reset(basis, atMs);
    const at = this.options.calendar.isoWithOffset(atMs);
    return { ...state.toWallState(scope), bootId: 'playback', seq: 0, asOf: at, recent: state.recent(scope), playback: { at } };
  }

  #basis(atMs: number): Promise<LiveBasis> {
    const kept = this.#bases.get(atMs);
    if (kept) return kept;
    if (this.#building >= BUILDS_AT_ONCE) throw new PlaybackBusy();
    this.#building++;
    const built = this.store.playbackBasis(atMs).finally(() => this.#building--);
    this.#bases.set(atMs, built);
    built.catch(() => this.#bases.delete(atMs));
    // The oldest kept moment makes room for the newest.
    if (this.#bases.size > KEPT) this.#bases.delete(this.#bases.keys().next().value!);
    return built;
  }
}
