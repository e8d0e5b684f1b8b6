// What a wall tells the server about itself every minute over its socket, so the room can see
// from the console that every screen is alive, current and on the right build.
import { z } from 'zod';

export const WALL_HEALTH_EVERY_MS = 60_000;

const pixels = z.number().int().min(0).max(100_000);

export const WallHealthSchema = z
  .object({
    /** The page's build (vite.config.ts). */
    version: z.string().min(1).max(100),
    /** Seconds since the page loaded. */
    uptimeSeconds: z.number().int().min(0).max(10 ** 9),
    /** The JS heap in use, where the browser tells (Chromium). */
    heapBytes: z.number().int().min(0).max(2 ** 42).optional(),
    /** When the screen last drew new figures (RFC 3339). */
    renderedAt: z.iso.datetime({ offset: true }).optional(),
    /** The area the wall shows: the region, or a unit in it. */
    scope: z.string().min(1).max(32),
    screen: z.object({ width: pixels, height: pixels, pixelRatio: z.number().min(0).max(16) }).strict(),
  })
  .strict();
export type WallHealth = z.infer<typeof WallHealthSchema>;

/** One connected wall as the console lists it (GET /api/v1/walls). */
export interface WallListing {
  readonly id: string;
  readonly address: string;
  readonly connectedAt: string;
  /** When its last report came, and how long ago that is by the server's clock. */
  readonly heardAt: string;
  readonly secondsSinceHeard: number;
  readonly health: WallHealth;
}
