// GET /healthz: 200 {"ok": true} while the database takes writes.
import type { Database } from 'better-sqlite3';
import { Router } from 'express';

export function healthRoute(db: Database): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    try {
      // Taking the write lock proves the database is writable without writing anything.
      db.exec('BEGIN IMMEDIATE; ROLLBACK');
      res.json({ ok: true });
    } catch (error) {
      res.status(503).json({ ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  });
  return router;
}
