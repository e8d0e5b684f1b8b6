// Turns the live state into the stream: per scope, seq-stamped merge-patch deltas, coalesced to
// at most one per DELTA_INTERVAL_MS however fast events arrive — but the first change after a
// quiet spell goes out at once, not at the next tick — and a heartbeat that also says whether
// the store can keep writes. Snapshots are built once per change and sent to every
// socket that asked for one at once (socket.io encodes a broadcast once), never once per request.
import { randomUUID } from 'node:crypto';
import type { Server } from 'socket.io';
import type { Delta, Snapshot } from '../../shared/protocol/wall-state';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/wall-socket';
import type { Scope } from '../../shared/region';
import type { ZonedCalendar } from '../../shared/time/zoned-calendar';
import type { LiveState } from '../aggregate/live-state';
import type { StoreHealth } from '../http/health-route';
import { ScopeChannel } from './scope-channel';

export const DELTA_INTERVAL_MS = 250;
export const HEARTBEAT_INTERVAL_MS = 1_000;

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
  /** One per scope ever watched or read: at most the region's scopes (1 + 11 + 90). */
  readonly #channels = new Map<string, ScopeChannel>();
  /** The live state's version as of the last flush. */
  #flushedVersion: number;
  /** Sockets waiting for a snapshot, per scope, served together on the next turn of the event loop. */
  readonly #waiting = new Map<Scope, Set<string>>();
  #serving: NodeJS.Immediate | undefined;
  /** Reads waiting for the state to be sent (GET /api/v1/snapshot right after an ingest). */
  #settledWaiters: (() => void)[] = [];
  readonly #timers: NodeJS.Timeout[] = [];
  /** Cancels the flush a change waits for, when one does. */
  #pendingFlush: (() => void) | undefined;
  /** performance.now() of the last flush that sent anything: the coalescing window runs from it. */
  #sentAt = Number.NEGATIVE_INFINITY;
  #unwatch: (() => void) | undefined;

  constructor(private readonly options: BroadcasterOptions) {
    this.#flushedVersion = options.live.version;
  }

  start(): void {
    if (this.#timers.length > 0) return;
    this.#unwatch = this.options.live.watch(() => this.#schedule());
    this.#timers.push(
      // The clock moves the state too (the calendar's day, escalations aging past the red threshold).
      setInterval(() => this.options.live.followClock(this.options.now()), DELTA_INTERVAL_MS),
      setInterval(() => this.#heartbeat(), HEARTBEAT_INTERVAL_MS),
    );
    // What changed before it started (the display names loaded at start) is sent like any change.
    if (this.options.live.version !== this.#flushedVersion) this.#schedule();
  }

  stop(): void {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers.length = 0;
    this.#unwatch?.();
    this.#unwatch = undefined;
    this.#cancelFlush();
    clearImmediate(this.#serving);
    this.#release();
  }

  /** Sends each watched scope what changed since its last delta, if anything did. */
  flush(): void {
    const { live, now, calendar } = this.options;
    live.followClock(now());
    // After the clock: this flush sends whatever it changed.
    this.#cancelFlush();
    if (live.loading) return;
    if (live.version !== this.#flushedVersion) {
      this.#flushedVersion = live.version;
      this.#sentAt = performance.now();
      const pending = live.takePendingRecent();
      const asOf = calendar.isoWithOffset(now());
      for (const channel of this.#channels.values()) {
        if (this.#wallsOn(channel) > 0) this.#send(channel, channel.advance(asOf, pending));
      }
    }
    this.#release();
  }

  /** Resolves once every change committed so far has been sent: a read then shows it, without pushing a delta itself. */
  settled(): Promise<void> {
    if (!this.options.live.loading && this.options.live.version === this.#flushedVersion) return Promise.resolve();
    return new Promise((resolve) => this.#settledWaiters.push(resolve));
  }

  /** A scope's state as of its latest delta, stamped with its seq; the next delta continues from it. */
  snapshot(scope: Scope): Snapshot {
    const now = this.options.now();
    return this.#current(scope).snapshot(now, this.options.calendar.isoWithOffset(now));
  }

  /** The same snapshot, encoded once for every HTTP read until it changes. */
  snapshotJson(scope: Scope): string {
    const now = this.options.now();
    return this.#current(scope).snapshotJson(now, this.options.calendar.isoWithOffset(now));
  }

  /** How many walls watch each scope, by adcode (only scopes that have any): /metrics' fraudwall_stream_sockets. */
  wallsPerScope(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [adcode, channel] of this.#channels) {
      const walls = this.#wallsOn(channel);
      if (walls > 0) counts.set(adcode, walls);
    }
    return counts;
  }

  /**
   * Queues a snapshot for a socket; everyone queued for a scope in the same turn gets the same
   * frame. A socket joins its scope's room only with its first snapshot, so the first delta it
   * sees continues from it.
   */
  sendSnapshot(socketId: string, scope: Scope): void {
    let ids = this.#waiting.get(scope);
    if (!ids) {
      ids = new Set();
      this.#waiting.set(scope, ids);
    }
    ids.add(socketId);
    this.#serving ??= setImmediate(() => {
      this.#serving = undefined;
      const { io } = this.options;
      for (const [waitingScope, waiting] of this.#waiting) {
        const ids = [...waiting];
        io.to(ids).emit('snapshot', this.snapshot(waitingScope));
        io.in(ids).socketsJoin(this.#channel(waitingScope).room);
      }
      this.#waiting.clear();
    });
  }

  /**
   * A change came: after a quiet spell (nothing sent for a whole window) it goes out on the next
   * turn of the event loop; in a burst it waits for the window to end, and everything that came
   * meanwhile goes in the same delta.
   */
  #schedule(): void {
    if (this.#pendingFlush !== undefined || this.#timers.length === 0) return;
    const wait = this.#sentAt + DELTA_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      const immediate = setImmediate(() => this.flush());
      this.#pendingFlush = () => clearImmediate(immediate);
    } else {
      const timeout = setTimeout(() => this.flush(), wait);
      this.#pendingFlush = () => clearTimeout(timeout);
    }
  }

  #cancelFlush(): void {
    this.#pendingFlush?.();
    this.#pendingFlush = undefined;
  }

  #channel(scope: Scope): ScopeChannel {
    let channel = this.#channels.get(scope.adcode);
    if (!channel) {
      channel = new ScopeChannel(scope, this.options.live, this.bootId);
      this.#channels.set(scope.adcode, channel);
    }
    return channel;
  }

  /** The scope's channel, caught up with everything flushed so far (a scope without walls lags until read). */
  #current(scope: Scope): ScopeChannel {
    const channel = this.#channel(scope);
    if (!this.options.live.loading && this.options.live.version === this.#flushedVersion) {
      this.#send(channel, channel.advance(this.options.calendar.isoWithOffset(this.options.now())));
    }
    return channel;
  }

  #send(channel: ScopeChannel, delta: Delta | undefined): void {
    if (!delta) return;
    this.options.io.to(channel.room).emit('delta', delta);
    this.options.onDelta?.(delta);
  }

  #wallsOn(channel: ScopeChannel): number {
    return this.options.io.of('/').adapter.rooms.get(channel.room)?.size ?? 0;
  }

  #release(): void {
    const waiters = this.#settledWaiters;
    this.#settledWaiters = [];
    for (const resolve of waiters) resolve();
  }

  #heartbeat(): void {
    const { ok, problem } = this.options.health();
    const rooms = [...this.#channels.values()].map((channel) => channel.room);
    if (rooms.length > 0) {
      this.options.io.to(rooms).emit('heartbeat', {
        serverTime: this.options.calendar.isoWithOffset(this.options.now()),
        storage: { ok, ...(problem === undefined ? {} : { problem }) },
      });
    }
    this.options.onHeartbeat?.();
  }
}
