// The check on a wall's minutely report (shared/protocol/wall-health.ts) as it reaches the server:
// bounded numbers and strings, nothing extra.
import { z } from 'zod';
import type { WallHealth } from '../../shared/protocol/wall-health';

const pixels = z.number().int().min(0).max(100_000);

export const WallHealthSchema = z
  .object({
    version: z.string().min(1).max(100),
    uptimeSeconds: z.number().int().min(0).max(10 ** 9),
    heapBytes: z.number().int().min(0).max(2 ** 42).optional(),
    renderedAt: z.iso.datetime({ offset: true }).optional(),
    scope: z.string().min(1).max(32),
    screen: z.object({ width: pixels, height: pixels, pixelRatio: z.number().min(0).max(16) }).strict(),
  })
  .strict() satisfies z.ZodType<WallHealth>;
