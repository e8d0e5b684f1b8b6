// POST /api/v1/events (contract.md, "Ingest").
import express, { Router } from 'express';
import type { AccessControl } from '../auth/access-control';
import { MAX_EVENTS_PER_REQUEST, type IngestPipeline } from './ingest-pipeline';
import { parseEventsBody } from './parse-body';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export function eventsRoute(access: AccessControl, pipeline: IngestPipeline): Router {
  const router = Router();
  router.post(
    '/api/v1/events',
    access.require('ingest'),
    // Any content type is read as bytes here, so that a wrong one gets 415 rather than an empty body.
    express.raw({ type: () => true, limit: MAX_BODY_BYTES }),
    (req, res) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const parsed = parseEventsBody(body, req.headers['content-type']);
      if (!parsed.ok) {
        res.status(parsed.status).json({ error: parsed.error });
        return;
      }
      if (parsed.events.length > MAX_EVENTS_PER_REQUEST) {
        res.status(413).json({ error: `at most ${MAX_EVENTS_PER_REQUEST} events per request (got ${parsed.events.length})` });
        return;
      }
      res.json(pipeline.ingest(parsed.events).summary);
    },
  );
  return router;
}
