// A played-back wall's feed (`/?at=…&speed=…`, issue 27): instead of the live stream, the state
// as it was at the replayed moment (GET /api/v1/snapshot?at=), asked for again as the replayed
// clock moves on — one request at a time, never faster than every few seconds. It carries the
// same surface as the live connection, so the wall is the same wall; it raises no alarm.
import type { WallDirection } from '../../shared/protocol/wall-scene';
import type { Heartbeat, Snapshot } from '../../shared/protocol/wall-state';
import type { ConnectionStatus } from './connection.svelte';
import { authHeaders, scopedPath, type PageAccess } from './page-access';

/** Real time between two replayed states. */
export const PLAYBACK_STEP_MS = 3_000;
const MAX_SPEED = 600;

export interface PlaybackRequest {
  /** The replayed moment the wall starts from (epoch ms). */
  readonly at: number;
  /** Replayed seconds per real second. */
  readonly speed: number;
}

/** `?at=<RFC 3339>&speed=<1–600>` (speed 1 when absent), or undefined on a live wall. */
export function playbackFrom(search: string): PlaybackRequest | undefined {
  const params = new URLSearchParams(search);
  const at = Date.parse(params.get('at') ?? '');
  if (Number.isNaN(at)) return undefined;
  const speed = Number(params.get('speed') ?? '1');
  return { at, speed: Number.isFinite(speed) ? Math.min(MAX_SPEED, Math.max(1, speed)) : 1 };
}

/** Where the states go: the wall's store. */
export interface PlaybackTarget {
  reset(snapshot: Snapshot): void;
  replace(snapshot: Snapshot): void;
}

export class PlaybackFeed {
  status = $state<ConnectionStatus>('connecting');
  /** The replayed moment of the latest state, and the local time it was asked for: the wall's clock runs on from it at `speed`. */
  serverTime = { serverMs: 0, localMs: Date.now() };
  readonly storage: Heartbeat['storage'] = { ok: true };
  /** A played-back wall takes no direction from the room. */
  readonly direction: WallDirection = {};
  /** Set once the replay has caught up with now: the wall holds the last state. */
  caughtUp = $state(false);
  readonly #startedAt = Date.now();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;
  #shown = false;

  constructor(
    private readonly wall: PlaybackTarget,
    private readonly access: PageAccess,
    private readonly request: PlaybackRequest,
  ) {
    this.serverTime = { serverMs: request.at, localMs: this.#startedAt };
    void this.#step();
  }

  /** A played-back wall reports no health: it is not one of the room's live screens. */
  report(): void {}

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
  }

  async #step(): Promise<void> {
    const asked = Date.now();
    const atMs = this.request.at + (asked - this.#startedAt) * this.request.speed;
    try {
      const response = await fetch(scopedPath(`/api/v1/snapshot?at=${encodeURIComponent(new Date(atMs).toISOString())}`, this.access), {
        headers: authHeaders(this.access),
      });
      if (this.#closed) return;
      if (response.ok) {
        const snapshot = (await response.json()) as Snapshot;
        // The wall's clock shows the replayed time, running at the replay's speed.
        snapshot.wall = { ...snapshot.wall, clockRate: this.request.speed };
        if (this.#shown) this.wall.replace(snapshot);
        else this.wall.reset(snapshot);
        this.#shown = true;
        this.serverTime = { serverMs: atMs, localMs: asked };
        this.status = 'live';
      } else if (response.status === 400 && this.#shown) {
        // Past the server's now: the replay has caught up; hold the last state.
        this.caughtUp = true;
        return;
      } else {
        this.status = 'stale';
      }
    } catch {
      if (this.#closed) return;
      this.status = 'stale';
    }
    this.#timer = setTimeout(() => void this.#step(), Math.max(0, PLAYBACK_STEP_MS - (Date.now() - asked)));
  }
}
