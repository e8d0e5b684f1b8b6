// One scope's stream: the state its walls hold as of its last delta, its own seq, and the
// snapshot built from it. A channel is brought up to date once per tick while it has walls, and
// on a read when it has none — so each scope's delta costs one diff per tick however many walls
// watch it, and a scope nobody watches costs nothing.
import { mergePatched, mergePatchOf } from '../../shared/protocol/merge-patch';
import type { Delta, Snapshot, WallState } from '../../shared/protocol/wall-state';
import type { Scope } from '../../shared/region';
import { newestOf, RECENT_PER_DELTA, type Arrival, type LiveState } from '../aggregate/live-state';

/** A snapshot's `asOf` may lag by this much when nothing changed: one is built at most this often. */
const SNAPSHOT_REUSE_MS = 1_000;

export class ScopeChannel {
  /** The socket.io room of this scope's walls. */
  readonly room: string;
  #seq = 0;
  #sent: WallState;
  #sentVersion: number;
  #snapshot: { seq: number; builtAt: number; value: Snapshot; json?: string } | undefined;

  constructor(
    readonly scope: Scope,
    private readonly live: LiveState,
    private readonly bootId: string,
  ) {
    this.room = `wall:${scope.adcode}`;
    this.#sent = live.toWallState(scope);
    this.#sentVersion = live.version;
  }

  /**
   * Follows the live state; the delta its walls need, if anything changed. `pending` is the
   * tick's new events per county (none when a channel without walls catches up on a read).
   */
  advance(asOf: string, pending?: ReadonlyMap<string, readonly Arrival[]>): Delta | undefined {
    if (this.#sentVersion === this.live.version) return undefined;
    this.#sentVersion = this.live.version;
    const patch = mergePatchOf(this.#sent, this.live.toWallState(this.scope));
    const recent = pending ? newestOf(pending, this.scope, RECENT_PER_DELTA) : [];
    if (patch === undefined && recent.length === 0) return undefined;
    if (patch) this.#sent = mergePatched(this.#sent, patch);
    return { bootId: this.bootId, seq: ++this.#seq, asOf, patch: patch ?? {}, ...(recent.length > 0 ? { recent } : {}) };
  }

  /** The state as of the latest delta, stamped with its seq; the next delta continues from it. */
  snapshot(now: number, asOf: string): Snapshot {
    const cached = this.#snapshot;
    if (cached && cached.seq === this.#seq && now - cached.builtAt < SNAPSHOT_REUSE_MS) return cached.value;
    const value: Snapshot = {
      ...this.#sent,
      bootId: this.bootId,
      seq: this.#seq,
      asOf,
      recent: this.live.recent(this.scope),
    };
    this.#snapshot = { seq: this.#seq, builtAt: now, value };
    return value;
  }

  /** The same snapshot, encoded once for every HTTP read until it changes. */
  snapshotJson(now: number, asOf: string): string {
    const value = this.snapshot(now, asOf);
    const cached = this.#snapshot!;
    cached.json ??= JSON.stringify(value);
    return cached.json;
  }
}
