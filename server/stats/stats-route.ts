// GET /api/v1/stats?from=YYYY-MM-DD&to=YYYY-MM-DD&groupBy=day|month&compare=previous_year&scope=
// and GET /api/v1/stats/stations?from&to&scope= (each police station's face-to-face work).
// Every parameter is range-checked here before any work starts; the work itself runs on the
// store's reading thread and comes back encoded.
import { Router } from 'express';
import { z } from 'zod';
import { daysInclusive, EARLIEST_DAY, isDayInRange, LATEST_DAY } from '../../shared/time/zoned-calendar';
import { scopeOf, type AccessControl } from '../auth/access-control';
import { readQuery } from '../http/query';
import { sendJson } from '../http/send-json';
import type { StatsApi } from './stats-api';

/** About three years: enough for this year against last, small enough to answer at once. */
export const MAX_STATS_DAYS = 1_100;

const dayKey = z.string({ error: 'is required' }).refine(isDayInRange, `must be a date YYYY-MM-DD within ${EARLIEST_DAY}…${LATEST_DAY}`);
const Range = z.object({ from: dayKey, to: dayKey });
const boundedRange = (q: z.infer<typeof Range>, ctx: z.RefinementCtx) => {
  if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  else if (daysInclusive(q.from, q.to) > MAX_STATS_DAYS) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `the range must be at most ${MAX_STATS_DAYS} days` });
  }
};
const Query = Range.extend({
  groupBy: z.enum(['day', 'month'], { error: 'must be day or month' }).default('day'),
  compare: z.enum(['previous_year'], { error: 'must be previous_year' }).optional(),
}).superRefine(boundedRange);
/** A period within the stats' bounds: what the stations' figures and the exports take. */
export const StatsRange = Range.superRefine(boundedRange);

/** `now`: the server's clock (a demo's own): a period reaching today runs to it. */
export function statsRoute(access: AccessControl, store: StatsApi, now: () => number): Router {
  const router = Router();
  router.get('/api/v1/stats', access.require('viewer'), access.scoped, async (req, res) => {
    const period = readQuery(Query, req, res);
    if (period) sendJson(res, 200, await store.statsJson({ ...period, scope: scopeOf(res).adcode, nowMs: now() }));
  });
  router.get('/api/v1/stats/stations', access.require('viewer'), access.scoped, async (req, res) => {
    const period = readQuery(StatsRange, req, res);
    if (period) sendJson(res, 200, await store.stationStatsJson({ ...period, scope: scopeOf(res).adcode, nowMs: now() }));
  });
  return router;
}
