// The wall's one connection to the stream: typed socket, snapshot then deltas into the wall
// state, resync on any doubt, reconnect with backoff, and a status that says when data is stale.
import type { PageAccess } from './page-access';
import { io, type Socket } from 'socket.io-client';
import type { WallHealth } from '../../shared/protocol/wall-health';
import type { WallDirection } from '../../shared/protocol/wall-scene';
import type { Delta, Heartbeat, Snapshot } from '../../shared/protocol/wall-state';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/wall-socket';

/** No heartbeat for this long means the numbers on screen are not live any more. */
export const STALE_AFTER_MS = 5_000;
const STALE_CHECK_MS = 500;

/** Where the stream's frames go (the wall's store): the stream knows what it hands on, not who keeps it. */
export interface StreamTarget {
  /** Everything, from a snapshot: on connecting and on every resync. */
  reset(snapshot: Snapshot): void;
  /** One delta; false when it does not follow the last one (a resync is asked for). */
  accept(delta: Delta): boolean;
}

/** `resyncing`: a delta did not apply and a fresh snapshot is on its way; the screen is not live meanwhile. */
export type ConnectionStatus = 'connecting' | 'live' | 'stale' | 'resyncing';

export class WallConnection {
  status = $state<ConnectionStatus>('connecting');
  /** The server's time in the latest message, and the local time it arrived: the wall's clock follows the server. */
  serverTime = { serverMs: Date.now(), localMs: Date.now() };
  /** Whether the server can keep what it is sent, as its latest heartbeat says. */
  storage = $state<Heartbeat['storage']>({ ok: true });
  /** What the room told this wall to show (issue 25): the server sends it on connecting and on each change. */
  direction = $state.raw<WallDirection>({});
  /** Local time of the last sign of life; starts now, so a wall that never connects also turns stale. */
  lastHeartbeatAt = $state(Date.now());
  readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly #staleTimer: ReturnType<typeof setInterval>;
  /** A resync was asked for and its snapshot has not come: heartbeats alone do not make the screen live. */
  #resyncing = false;

  constructor(
    private readonly wall: StreamTarget,
    { token, scope }: PageAccess,
  ) {
    this.#socket = io({
      // WebSocket only: one connection is one session, so any node behind the proxy can hold it
      // (long-polling would need every request of a session to reach the same node).
      transports: ['websocket'],
      auth: { ...(token ? { token } : {}), ...(scope ? { scope } : {}) },
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      randomizationFactor: 0.5,
    });
    this.#socket.on('snapshot', (snapshot) => {
      this.wall.reset(snapshot);
      this.#resyncing = false;
      this.#alive(snapshot.asOf);
    });
    this.#socket.on('delta', (delta) => {
      if (this.wall.accept(delta)) {
        this.#alive(delta.asOf);
      } else if (!this.#resyncing) {
        // One request per failure: the deltas that follow cannot apply either until the snapshot comes.
        this.#resyncing = true;
        this.status = 'resyncing';
        this.#socket.emit('resync');
      }
    });
    this.#socket.on('heartbeat', ({ serverTime, storage }) => {
      this.storage = storage;
      this.#alive(serverTime);
    });
    this.#socket.on('direction', (direction) => (this.direction = direction));
    this.#socket.on('disconnect', () => this.#checkStale());
    // A new connection brings its own snapshot.
    this.#socket.on('connect', () => (this.#resyncing = false));
    this.#staleTimer = setInterval(() => this.#checkStale(), STALE_CHECK_MS);
  }

  /** Tells the server how this screen is (a wall's minutely health report). */
  report(health: WallHealth): void {
    if (this.#socket.connected) this.#socket.emit('wallHealth', health);
  }

  close(): void {
    clearInterval(this.#staleTimer);
    this.#socket.removeAllListeners();
    this.#socket.close();
  }

  #alive(serverTime: string): void {
    const local = Date.now();
    this.lastHeartbeatAt = local;
    this.serverTime = { serverMs: Date.parse(serverTime), localMs: local };
    this.status = this.#resyncing ? 'resyncing' : 'live';
  }

  #checkStale(): void {
    if (this.status !== 'stale' && Date.now() - this.lastHeartbeatAt > STALE_AFTER_MS) this.status = 'stale';
  }
}
