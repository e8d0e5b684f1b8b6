// Turns the live state into the stream: seq-stamped merge-patch deltas, coalesced to at most
// one per DELTA_INTERVAL_MS however fast events arrive, and a heartbeat when nothing happens.
import { randomUUID } from 'node:crypto';
import type { Server } from 'socket.io';
import { applyMergePatch, diffMergePatch, type JsonObject } from '../../shared/protocol/merge-patch';
import type { ClientToServerEvents, Delta, ServerToClientEvents, Snapshot, WallState } from '../../shared/protocol/wall-state';
import type { ZonedCalendar } from '../../shared/time/zoned-calendar';
import type { LiveState } from '../aggregate/live-state';

export const DELTA_INTERVAL_MS = 250;
export const HEARTBEAT_INTERVAL_MS = 1_000;
export const WALL_ROOM = 'wall';

export interface BroadcasterOptions {
  readonly io: Server<ClientToServerEvents, ServerToClientEvents>;
  readonly live: LiveState;
  readonly calendar: ZonedCalendar;
  readonly now: () => number;
  /** Told of every delta sent (metrics). */
  readonly onDelta?: (delta: Delta) => void;
}

export class Broadcaster {
  readonly bootId = randomUUID();
  #seq = 0;
  /** The state as of the last delta: what every wall in the room holds. */
  #sent: JsonObject;
  #sentVersion: number;
  readonly #timers: NodeJS.Timeout[] = [];

  constructor(private readonly options: BroadcasterOptions) {
    this.#sent = toJson(options.live.toWallState());
    this.#sentVersion = options.live.version;
  }

  start(): void {
    if (this.#timers.length > 0) return;
    this.#timers.push(
      setInterval(() => this.flush(), DELTA_INTERVAL_MS),
      setInterval(() => this.#heartbeat(), HEARTBEAT_INTERVAL_MS),
    );
  }

  stop(): void {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers.length = 0;
  }

  /** Sends what changed since the last delta, if anything did. */
  flush(): void {
    const { live, io, now, calendar } = this.options;
    live.rollOverIfNewDay(now());
    if (live.version === this.#sentVersion) return;
    this.#sentVersion = live.version;
    const patch = diffMergePatch(this.#sent, toJson(live.toWallState()));
    const recent = live.takePendingRecent();
    if (patch === undefined && recent.length === 0) return;
    if (patch) this.#sent = applyMergePatch(this.#sent, patch) as JsonObject;
    const delta: Delta = {
      bootId: this.bootId,
      seq: ++this.#seq,
      asOf: calendar.isoWithOffset(now()),
      patch: patch ?? {},
      ...(recent.length > 0 ? { recent } : {}),
    };
    io.to(WALL_ROOM).emit('delta', delta);
    this.options.onDelta?.(delta);
  }

  /** The state as of the latest delta, stamped with its seq; the next delta continues from it. */
  snapshot(): Snapshot {
    return {
      ...(structuredClone(this.#sent) as unknown as WallState),
      bootId: this.bootId,
      seq: this.#seq,
      asOf: this.options.calendar.isoWithOffset(this.options.now()),
      recent: this.options.live.recent(),
    };
  }

  #heartbeat(): void {
    this.options.io.to(WALL_ROOM).emit('heartbeat', { serverTime: this.options.calendar.isoWithOffset(this.options.now()) });
  }
}

function toJson(state: WallState): JsonObject {
  return state as unknown as JsonObject;
}
