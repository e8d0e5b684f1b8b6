// POST /api/v1/events (contract.md, "Ingest"). The body is read here as bytes and handed to
// the store's thread, which parses, validates and commits it and answers with the encoded summary.
// The environment's ingest token posts for the whole region; an upstream system's own key
// (`npm run users -- add-source`) for its scope only.
import express, { Router } from 'express';
import { accountOf, scopeOf, type AccessControl } from '../auth/access-control';
import { refuseDeclaredOversize } from '../http/body-limits';
import { sendJson } from '../http/send-json';
import type { IngestPipeline } from './ingest-pipeline';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export function eventsRoute(access: AccessControl, pipeline: IngestPipeline): Router {
  const router = Router();
  router.post(
    '/api/v1/events',
    access.require('ingest'),
    refuseDeclaredOversize(MAX_BODY_BYTES),
    // Any content type is read as bytes here, so that a wrong one gets 415 rather than an empty body.
    express.raw({ type: () => true, limit: MAX_BODY_BYTES }),
    async (req, res) => {
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      // An upstream key bound to a city or county posts its own counties' events only, under ids of its own.
      const within = access.within(res);
      const scope = within === null ? {} : { scope: { adcode: scopeOf(res).adcode, counties: within } };
      // An upstream key is an account: its batches are its feed (issue 26). The environment's token is no one's.
      const sender = accountOf(res)?.username;
      const answer = await pipeline.ingest({ kind: 'body', bytes, contentType: req.headers['content-type'], ...scope, ...(sender === undefined ? {} : { sender }) });
      if (answer.ok) sendJson(res, 200, answer.summaryJson);
      else res.status(answer.status).json({ error: answer.error });
    },
  );
  return router;
}
