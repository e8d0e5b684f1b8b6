// When the database cannot take a write, ingest answers 503 and acknowledges nothing, and
// /healthz says so; when it can again, both recover.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../server/store/sqlite/open-database';
import { warning } from '../fixtures/events';
import { waitFor } from '../support/wait-for';
import { startServer, type TestServer } from '../support/test-server';
import { isStored } from '../support/stored';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.destroy());

describe('database failure', () => {
  it('answers 503, stores nothing and turns /healthz unhealthy while writes fail', async () => {
    const at = new Date(Date.now() - 60_000).toISOString();
    await server.ingest([warning('db-1', at)]);
    const before = await server.snapshot();

    // Another process holds the write lock past the busy timeout: every write fails.
    const blocker = new Database(path.join(server.dataDir, DATABASE_FILE));
    blocker.exec('BEGIN EXCLUSIVE');
    try {
      const response = await server.post([warning('db-2', at), warning('db-3', at)]);
      expect(response.status).toBe(503);
      expect((await response.json()).error).toMatch(/nothing was stored/);
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(503);
      expect((await health.json()).ok).toBe(false);
    } finally {
      blocker.exec('ROLLBACK');
      blocker.close();
    }

    const after = await server.snapshot();
    expect(after.today.warnings.total).toBe(before.today.warnings.total);
    expect(await isStored(server, 'db-2')).toBe(false);
    // The retry of the refused batch is accepted whole.
    expect(await server.ingest([warning('db-2', at), warning('db-3', at)])).toMatchObject({ accepted: 2 });
    // /healthz answers from a probe a second: within one, it says so too.
    await waitFor(async () => expect((await fetch(`${server.url}/healthz`)).status).toBe(200));
  }, 30_000);
});
