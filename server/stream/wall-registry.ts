// The walls connected now and what each last said about itself: the console's 大屏状态 tab and
// /metrics' walls by version. One entry per socket that reported, gone when it disconnects, so
// it is bounded by the sockets the server admits. Its times are real ones (the screen's own
// clock counts real seconds too), never a demo's faster clock: a healthy wall must not look
// minutes stale.
import type { Scope } from '../../shared/region';
import type { WallHealth, WallListing } from '../../shared/protocol/wall-health';

interface WallEntry {
  /** What the wall was let watch at its handshake (not what it says of itself). */
  readonly scope: Scope;
  /** The device account (or person) it runs as, if any. */
  readonly account: string | undefined;
  readonly address: string;
  readonly connectedAt: number;
  heardAt: number;
  health: WallHealth;
}

export class WallRegistry {
  readonly #walls = new Map<string, WallEntry>();

  constructor(private readonly realNow: () => number = Date.now) {}

  /** A wall's report; `connectedAt`: when its socket connected, in real time. */
  report(socketId: string, scope: Scope, account: string | undefined, address: string, connectedAt: number, health: WallHealth): void {
    const now = this.realNow();
    const entry = this.#walls.get(socketId);
    if (entry) {
      entry.heardAt = now;
      entry.health = health;
    } else this.#walls.set(socketId, { scope, account, address, connectedAt, heardAt: now, health });
  }

  forget(socketId: string): void {
    this.#walls.delete(socketId);
  }

  /**
   * The walls whose scope `shown` accepts, longest silent first: the wall most likely in trouble
   * heads the list. `about` adds what the room knows of each (its device's name, its scene).
   */
  list(shown: (scope: Scope) => boolean, about: (wall: { scope: string; account?: string }) => Partial<WallListing> = () => ({})): WallListing[] {
    const now = this.realNow();
    return [...this.#walls.entries()]
      .filter(([, wall]) => shown(wall.scope))
      .sort(([, a], [, b]) => a.heardAt - b.heardAt)
      .map(([id, wall]) => ({
        id,
        address: wall.address,
        connectedAt: new Date(wall.connectedAt).toISOString(),
        heardAt: new Date(wall.heardAt).toISOString(),
        secondsSinceHeard: Math.max(0, Math.round((now - wall.heardAt) / 1000)),
        health: wall.health,
        ...about({ scope: wall.scope.adcode, ...(wall.account === undefined ? {} : { account: wall.account }) }),
      }));
  }

  countByVersion(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { health } of this.#walls.values()) counts.set(health.version, (counts.get(health.version) ?? 0) + 1);
    return counts;
  }
}
