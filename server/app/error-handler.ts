// Last stop for errors thrown by routes: a clear JSON answer, never a stack trace.
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { STORE_BUSY, transientCode, UNWRITABLE } from '../store/errors';

interface HttpishError {
  status?: number;
  type?: string;
  message?: string;
  code?: string;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: HttpishError, _req, res, _next) => {
    if (error.type === 'entity.too.large') {
      res.status(413).json({ error: 'request body is too large' });
      return;
    }
    if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
      res.status(error.status).json({ error: error.message ?? 'bad request' });
      return;
    }
    const transient = transientCode(error);
    if (transient === STORE_BUSY) {
      res.set('Retry-After', '1').status(503).json({ error: 'the server is busy; nothing was done, retry in a moment' });
      return;
    }
    if (transient === UNWRITABLE) {
      // Health said so already, and logs it when it changes: one line per refused request would flood.
      res.set('Retry-After', '30').status(503).json({ error: `the store cannot keep writes (${error.message}); nothing was stored, retry later` });
      return;
    }
    if (transient !== undefined) {
      logger.error({ err: error }, 'database write failed; nothing was acknowledged');
      res.set('Retry-After', '5').status(503).json({ error: 'the database is unavailable; nothing was stored, retry later' });
      return;
    }
    // Not the database's trouble: a bug, whatever the driver said. Retrying would not help.
    logger.error({ err: error }, 'unexpected error');
    res.status(500).json({ error: 'internal error' });
  };
}
