// Turns the live state into the stream: seq-stamped merge-patch deltas, coalesced to at most
// one per DELTA_INTERVAL_MS however fast events arrive, and a heartbeat that also says whether
// the store can keep writes. Snapshots are built once per change and sent to every socket that
// asked for one at once (socket.io encodes a broadcast once), never once per request.
import { randomUUID } from 'node:crypto';
import type { Server } from 'socket.io';
import { applyMergePatch, diffMergePatch, type JsonObject } from '../../shared/protocol/merge-patch';
import type { ClientToServerEvents, Delta, ServerToClientEvents, Snapshot, WallState } from '../../shared/protocol/wall-state';
import type { ZonedCalendar } from '../../shared/time/zoned-calendar';
import type { LiveState } from '../aggregate/live-state';
import type { StoreHealth } from '../store/store';

export const DELTA_INTERVAL_MS = 250;
export const HEARTBEAT_INTERVAL_MS = 1_000;
export const WALL_ROOM = 'wall';
/** A snapshot's `asOf` may lag by this much when nothing changed: one is built at most this often. */
const SNAPSHOT_REUSE_MS = 1_000;

export interface BroadcasterOptions {
  readonly io: Server<ClientToServerEvents, ServerToClientEvents>;
  readonly live: LiveState;
  readonly calendar: ZonedCalendar;
  readonly now: () => number;
  readonly health: () => StoreHealth;
  /** Told of every delta sent (metrics). */
  readonly onDelta?: (delta: Delta) => void;
  /** Told with every heartbeat, once a second: the stream's own housekeeping (dropping stuck sockets). */
  readonly onHeartbeat?: () => void;
}

export class Broadcaster {
  readonly bootId = randomUUID();
  #seq = 0;
  /** The state as of the last delta: what every wall in the room holds. */
  #sent: JsonObject;
  #sentVersion: number;
  #snapshot: { seq: number; builtAt: number; value: Snapshot; json?: string } | undefined;
  /** Sockets waiting for a snapshot, served together on the next turn of the event loop. */
  readonly #waiting = new Set<string>();
  #serving: NodeJS.Immediate | undefined;
  /** Reads waiting for the state to be sent (GET /api/v1/snapshot right after an ingest). */
  #settledWaiters: (() => void)[] = [];
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
    clearImmediate(this.#serving);
    this.#release();
  }

  /** Sends what changed since the last delta, if anything did. */
  flush(): void {
    const { live, io, now, calendar } = this.options;
    live.followCalendar(now());
    if (!live.loading && live.version !== this.#sentVersion) this.#sendDelta(io, live, calendar.isoWithOffset(now()));
    if (!live.loading && live.version === this.#sentVersion) this.#release();
  }

  /** Resolves once every change committed so far has been sent: a read then shows it, without pushing a delta itself. */
  settled(): Promise<void> {
    if (!this.options.live.loading && this.options.live.version === this.#sentVersion) return Promise.resolve();
    return new Promise((resolve) => this.#settledWaiters.push(resolve));
  }

  /** The state as of the latest delta, stamped with its seq; the next delta continues from it. */
  snapshot(): Snapshot {
    const now = this.options.now();
    const cached = this.#snapshot;
    if (cached && cached.seq === this.#seq && now - cached.builtAt < SNAPSHOT_REUSE_MS) return cached.value;
    const value: Snapshot = {
      ...(this.#sent as unknown as WallState),
      bootId: this.bootId,
      seq: this.#seq,
      asOf: this.options.calendar.isoWithOffset(now),
      recent: this.options.live.recent(),
    };
    this.#snapshot = { seq: this.#seq, builtAt: now, value };
    return value;
  }

  /** The same snapshot, encoded once for every HTTP read until it changes. */
  snapshotJson(): string {
    const value = this.snapshot();
    const cached = this.#snapshot!;
    cached.json ??= JSON.stringify(value);
    return cached.json;
  }

  /**
   * Queues a snapshot for a socket; everyone queued in the same turn gets the same frame. A
   * socket joins the room that gets deltas only with its first snapshot, so the first delta it
   * sees continues from it.
   */
  sendSnapshot(socketId: string): void {
    this.#waiting.add(socketId);
    this.#serving ??= setImmediate(() => {
      this.#serving = undefined;
      const ids = [...this.#waiting];
      this.#waiting.clear();
      this.options.io.to(ids).emit('snapshot', this.snapshot());
      this.options.io.in(ids).socketsJoin(WALL_ROOM);
    });
  }

  #sendDelta(io: BroadcasterOptions['io'], live: LiveState, asOf: string): void {
    this.#sentVersion = live.version;
    const patch = diffMergePatch(this.#sent, toJson(live.toWallState()));
    const recent = live.takePendingRecent();
    if (patch === undefined && recent.length === 0) return;
    if (patch) this.#sent = applyMergePatch(this.#sent, patch) as JsonObject;
    const delta: Delta = { bootId: this.bootId, seq: ++this.#seq, asOf, patch: patch ?? {}, ...(recent.length > 0 ? { recent } : {}) };
    io.to(WALL_ROOM).emit('delta', delta);
    this.options.onDelta?.(delta);
  }

  #release(): void {
    const waiters = this.#settledWaiters;
    this.#settledWaiters = [];
    for (const resolve of waiters) resolve();
  }

  #heartbeat(): void {
    const { ok, problem } = this.options.health();
    this.options.io.to(WALL_ROOM).emit('heartbeat', {
      serverTime: this.options.calendar.isoWithOffset(this.options.now()),
      storage: { ok, ...(problem === undefined ? {} : { problem }) },
    });
    this.options.onHeartbeat?.();
  }
}

function toJson(state: WallState): JsonObject {
  return state as unknown as JsonObject;
}
