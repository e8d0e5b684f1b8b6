// GET /api/v1/rejected: the dead letters, newest first, for operators.
import { Router } from 'express';
import { z } from 'zod';
import type { ZonedCalendar } from '../../shared/time/zoned-calendar';
import type { AccessControl } from '../auth/access-control';
import type { DeadLetters } from '../store/dead-letters';

const DEFAULT_LIMIT = 500;
// With each stored event cut at 4 KiB, an answer stays within a few megabytes.
const MAX_LIMIT = 1_000;

const QuerySchema = z.object({
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1, 'must be at least 1')
    .max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`)
    .default(DEFAULT_LIMIT),
});

export function rejectedRoute(access: AccessControl, deadLetters: DeadLetters, calendar: ZonedCalendar): Router {
  const router = Router();
  router.get('/api/v1/rejected', access.require('operator'), (req, res) => {
    const query = QuerySchema.safeParse(req.query);
    if (!query.success) {
      res.status(400).json({ error: query.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return;
    }
    res.json(
      deadLetters.newest(query.data.limit).map((letter) => ({ ...letter, receivedAt: calendar.isoWithOffset(letter.receivedAt) })),
    );
  });
  return router;
}
