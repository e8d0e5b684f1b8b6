// The built client (vite build → dist/client): the wall at `/`, the console at `/console`, the
// briefing, the report, the admin page, and their assets.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

export const CLIENT_DIST = fileURLToPath(new URL('../../dist/client', import.meta.url));

const PAGES: Record<string, string> = { '/': 'index.html', '/console': 'console.html', '/briefing': 'briefing.html', '/report': 'report.html', '/admin': 'admin.html' };

export function pagesRoute(distDir: string = CLIENT_DIST): Router {
  const router = Router();
  for (const [route, file] of Object.entries(PAGES)) {
    router.get(route, (_req, res) => {
      const page = path.join(distDir, file);
      if (existsSync(page)) res.sendFile(page);
      else res.set('Retry-After', '60').status(503).type('text/plain').send('The wall is not built yet: run `npm run build` (npm run demo does it).');
    });
  }
  router.use(express.static(distDir, { index: false, maxAge: '1h' }));
  return router;
}
