// The walls connected now and what each last said about itself: the console's 大屏状态 tab and
// /metrics' walls by version. One entry per socket that reported, gone when it disconnects, so
// it is bounded by the sockets the server admits.
import type { WallHealth, WallListing } from '../../shared/protocol/wall-health';

interface WallEntry {
  readonly address: string;
  readonly connectedAt: number;
  heardAt: number;
  health: WallHealth;
}

export class WallRegistry {
  readonly #walls = new Map<string, WallEntry>();

  report(socketId: string, address: string, connectedAt: number, health: WallHealth, now: number): void {
    const entry = this.#walls.get(socketId);
    if (entry) {
      entry.heardAt = now;
      entry.health = health;
    } else this.#walls.set(socketId, { address, connectedAt, heardAt: now, health });
  }

  forget(socketId: string): void {
    this.#walls.delete(socketId);
  }

  /** Longest silent first: the wall most likely in trouble heads the list. */
  list(now: number): WallListing[] {
    return [...this.#walls.entries()]
      .sort(([, a], [, b]) => a.heardAt - b.heardAt)
      .map(([id, wall]) => ({
        id,
        address: wall.address,
        connectedAt: new Date(wall.connectedAt).toISOString(),
        heardAt: new Date(wall.heardAt).toISOString(),
        secondsSinceHeard: Math.max(0, Math.round((now - wall.heardAt) / 1000)),
        health: wall.health,
      }));
  }

  countByVersion(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { health } of this.#walls.values()) counts.set(health.version, (counts.get(health.version) ?? 0) + 1);
    return counts;
  }
}
