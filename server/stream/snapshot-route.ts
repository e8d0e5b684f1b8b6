// GET /api/v1/snapshot?scope=: the state a wall of that scope starts from. A read: it pushes
// nothing to the walls, it waits (a quarter second at most) for the delta that carries what was
// already committed.
//
// With `?at=<RFC 3339>` (issue 27): the state as it was at that moment (playback.ts), at most
// FRAUDWALL_MAX_EVENT_AGE_DAYS back and not ahead of the server's clock.
import { Router } from 'express';
import { z } from 'zod';
import { scopeOf, type AccessControl } from '../auth/access-control';
import { readQuery } from '../http/query';
import { sendJson } from '../http/send-json';
import { PlaybackBusy, type Playback } from '../playback/playback';
import type { Broadcaster } from './broadcaster';

const DAY_MS = 86_400_000;

export function snapshotRoute(access: AccessControl, broadcaster: Broadcaster, playback: Playback, now: () => number, maxAgeDays: number): Router {
  const At = z.object({
    at: z
      .string()
      .check(z.iso.datetime({ offset: true, error: 'must be an RFC 3339 time with offset, e.g. 2026-12-06T20:00:00+08:00', abort: true }))
      .transform((at) => Date.parse(at))
      .refine((atMs) => atMs <= now(), 'must not be in the future')
      .refine((atMs) => atMs >= now() - maxAgeDays * DAY_MS, `must be within the last ${maxAgeDays} days (FRAUDWALL_MAX_EVENT_AGE_DAYS)`)
      .optional(),
  });
  const router = Router();
  router.get('/api/v1/snapshot', access.require('viewer'), access.scoped, async (req, res) => {
    const query = readQuery(At, req, res);
    if (!query) return;
    if (query.at === undefined) {
      await broadcaster.settled();
      sendJson(res, 200, broadcaster.snapshotJson(scopeOf(res)));
      return;
    }
    try {
      res.json(await playback.snapshotAt(query.at, scopeOf(res)));
    } catch (error) {
      if (!(error instanceof PlaybackBusy)) throw error;
      res.status(503).set('retry-after', '2').json({ error: error.message });
    }
  });
  return router;
}
