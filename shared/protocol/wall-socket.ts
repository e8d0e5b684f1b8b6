// The messages a wall's socket carries each way (socket.io's typed events).
import type { WallHealth } from './wall-health';
import type { WallDirection } from './wall-scene';
import type { Delta, Heartbeat, Snapshot } from './wall-state';

export interface ServerToClientEvents {
  snapshot: (snapshot: Snapshot) => void;
  delta: (delta: Delta) => void;
  heartbeat: (heartbeat: Heartbeat) => void;
  /** What the room tells this wall to show (issue 25): on connect, and whenever it changes. */
  direction: (direction: WallDirection) => void;
}

export interface ClientToServerEvents {
  resync: () => void;
  /** A wall's report on itself, every minute (wall-health.ts). */
  wallHealth: (health: WallHealth) => void;
}
