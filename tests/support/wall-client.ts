// A wall as the server sees it: a real socket.io-client that records every frame and keeps
// the state the way a wall does (snapshot, then merge patches in seq order).
import { io, type Socket } from 'socket.io-client';
import { applyMergePatch, type Json } from '../../shared/protocol/merge-patch';
import type { Delta, Heartbeat, Snapshot } from '../../shared/protocol/wall-state';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/wall-socket';
import type { WallDirection } from '../../shared/protocol/wall-scene';

export class WallClient {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly snapshots: Snapshot[] = [];
  readonly deltas: Delta[] = [];
  readonly heartbeats: (Heartbeat & { receivedAt: number })[] = [];
  /** Every frame as received, for privacy checks. */
  readonly frames: string[] = [];
  /** When each frame (snapshot, delta or heartbeat) arrived: a wall is stale while none does. */
  readonly frameTimes: number[] = [];
  state: Record<string, Json> | undefined;
  /** What the room told this wall to show (issue 25), as last sent, and when each came. */
  readonly directions: { direction: WallDirection; receivedAt: number }[] = [];
  seq = -1;
  gaps = 0;
  /** Set to lose the next delta on purpose, as a flaky network would. */
  dropNextDelta = false;

  /** `cookie`: a signed-in browser's session cookie. */
  constructor(url: string, token?: string, { reconnect = false, scope, cookie }: { reconnect?: boolean; scope?: string; cookie?: string } = {}) {
    this.socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      ...(cookie ? { extraHeaders: { cookie } } : {}),
      reconnection: reconnect,
      reconnectionDelay: 500,
      reconnectionDelayMax: 2_000,
      auth: { ...(token ? { token } : {}), ...(scope ? { scope } : {}) },
    });
    this.socket.on('snapshot', (snapshot) => {
      this.frames.push(JSON.stringify(snapshot));
      this.frameTimes.push(Date.now());
      this.snapshots.push(snapshot);
      const { bootId: _b, seq, asOf: _a, recent: _r, ...state } = snapshot;
      this.state = state as unknown as Record<string, Json>;
      this.seq = seq;
    });
    this.socket.on('delta', (delta) => {
      this.frames.push(JSON.stringify(delta));
      this.frameTimes.push(Date.now());
      if (this.dropNextDelta) {
        this.dropNextDelta = false;
        return;
      }
      this.deltas.push(delta);
      if (delta.seq !== this.seq + 1) {
        // What a wall does on a gap: ask for a fresh snapshot.
        this.gaps++;
        this.socket.emit('resync');
        return;
      }
      this.seq = delta.seq;
      this.state = applyMergePatch(this.state, delta.patch as Json) as Record<string, Json>;
    });
    this.socket.on('direction', (direction) => this.directions.push({ direction, receivedAt: Date.now() }));
    this.socket.on('heartbeat', (hb) => {
      this.frames.push(JSON.stringify(hb));
      this.frameTimes.push(Date.now());
      this.heartbeats.push({ ...hb, receivedAt: Date.now() });
    });
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.snapshots.length > 0) return resolve();
      this.socket.once('snapshot', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  /** The latest direction the server sent. */
  get direction(): WallDirection | undefined {
    return this.directions.at(-1)?.direction;
  }

  close(): void {
    this.socket.close();
  }

  /** The longest time without a frame between `from` and `to` (epoch ms): how long the wall was stale. */
  longestSilence(from: number, to: number): number {
    let last = from;
    let longest = 0;
    for (const at of this.frameTimes) {
      if (at <= from) continue;
      if (at > to) break;
      longest = Math.max(longest, at - last);
      last = at;
    }
    return Math.max(longest, to - last);
  }
}

/** Runs `use` with a connected wall, and closes it whatever happens. */
export async function withWall(url: string, use: (wall: WallClient) => Promise<void>, token?: string): Promise<void> {
  const wall = new WallClient(url, token);
  try {
    await wall.connected();
    await use(wall);
  } finally {
    wall.close();
  }
}
