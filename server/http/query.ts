// Query parameters are checked before any work starts; a bad one gets 400 naming it.
import type { Request, Response } from 'express';
import { z } from 'zod';

/** `?limit=`: a whole number 1 … max, `fallback` when absent. */
export const limitParameter = (max: number, fallback: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1, 'must be at least 1')
    .max(max, `must be at most ${max}`)
    .default(fallback);

/** The parsed query, or undefined once a 400 naming the bad parameters has been sent. */
export function readQuery<T extends z.ZodType>(schema: T, req: Request, res: Response): z.infer<T> | undefined {
  const parsed = schema.safeParse(req.query);
  if (parsed.success) return parsed.data;
  res.status(400).json({ error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  return undefined;
}
