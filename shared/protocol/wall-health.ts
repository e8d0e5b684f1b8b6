// What a wall tells the server about itself every minute over its socket, so the room can see
// from the console that every screen is alive, current and on the right build.
// A plain interface, so the wall's bundle carries no validation library: the server checks each
// report against server/stream/wall-health-schema.ts.

import type { PushedScene } from './wall-scene';

export const WALL_HEALTH_EVERY_MS = 60_000;

export interface WallHealth {
  /** The page's build (vite.config.ts). */
  version: string;
  /** Seconds since the page loaded. */
  uptimeSeconds: number;
  /** The JS heap in use, where the browser tells (Chromium). */
  heapBytes?: number;
  /** When the screen last drew new figures (RFC 3339). */
  renderedAt?: string;
  /** The area the wall shows: the region, or a unit in it. */
  scope: string;
  screen: { width: number; height: number; pixelRatio: number };
}

/** One connected wall as the console lists it (GET /api/v1/walls). */
export interface WallListing {
  readonly id: string;
  readonly address: string;
  readonly connectedAt: string;
  /** When its last report came, and how long ago that is by the server's clock. */
  readonly heardAt: string;
  readonly secondsSinceHeard: number;
  readonly health: WallHealth;
  /** The account it runs as (a device's), by username and by the name the room knows it by. */
  readonly device?: { readonly username: string; readonly name: string };
  /** The scene it is in (issue 25), if any: what it shows instead of its own schedule. */
  readonly scene?: PushedScene;
  /** Whether its scope has a playlist it follows. */
  readonly playlist?: boolean;
}
