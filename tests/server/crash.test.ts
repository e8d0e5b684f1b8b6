// Faults of the process itself: SIGKILL in the middle of a sustained ingest, and SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../server/store/sqlite/open-database';
import { warning } from '../fixtures/events';
import { spawnServer, type ServerProcess } from '../support/server-process';
import { INGEST_TOKEN } from '../support/test-server';
import { WallClient } from '../support/wall-client';

const dataDir = mkdtempSync(path.join(tmpdir(), 'fraudwall-crash-'));
const children: ServerProcess[] = [];
afterAll(() => {
  for (const p of children) p.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const BATCHES = 40;
const PER_BATCH = 500;

interface Summary {
  accepted: number;
  duplicates: number;
  rejected: unknown[];
}

/** Posts until the server acknowledges, as an upstream system with retries does. */
async function postWithRetries(url: () => string, body: string): Promise<{ summary: Summary; attempts: number }> {
  for (let attempts = 1; ; attempts++) {
    try {
      const response = await fetch(`${url()}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
        body,
      });
      if (response.status === 200) return { summary: (await response.json()) as Summary, attempts };
    } catch {
      // Connection refused or reset while the server is down: retry.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('crash during ingest', () => {
  it('stores every acknowledged batch exactly once across a SIGKILL and restart, and the rollups recount equal', async () => {
    let server = await spawnServer(dataDir);
    children.push(server);
    const port = server.port;
    const at = new Date(Date.now() - 30 * 60_000).toISOString();
    const batches = Array.from({ length: BATCHES }, (_, b) =>
      JSON.stringify(Array.from({ length: PER_BATCH }, (_, i) => warning(`crash-${b}-${i}`, at, { level: i % 3 ? 'low' : 'high' }))),
    );

    let killed = false;
    const results: Summary[] = [];
    for (let b = 0; b < BATCHES; b++) {
      const posting = postWithRetries(() => `http://127.0.0.1:${port}`, batches[b]!);
      if (b === 15 && !killed) {
        // Kill while this batch is in flight, then bring the server back on the same port.
        await new Promise((r) => setTimeout(r, 5));
        server.child.kill('SIGKILL');
        await server.exited;
        killed = true;
        server = await spawnServer(dataDir, port);
        children.push(server);
      }
      results.push((await posting).summary);
    }
    // Resend two acknowledged batches, as a client unsure of its last acknowledgements would.
    for (const b of [3, 16]) {
      expect((await postWithRetries(() => server.url, batches[b]!)).summary).toEqual({ accepted: 0, duplicates: PER_BATCH, rejected: [] });
    }

    // Each batch was either stored by its acknowledged attempt or, if the killed attempt had
    // committed, acknowledged as duplicates: never both, never lost.
    for (const r of results) expect(r.accepted + r.duplicates).toBe(PER_BATCH);
    const snapshot = (await (await fetch(`${server.url}/api/v1/snapshot`)).json()) as { today: { warnings: { total: number } }; yesterday: { warnings: number } };
    expect(snapshot.today.warnings.total + snapshot.yesterday.warnings).toBe(BATCHES * PER_BATCH);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: BATCHES * PER_BATCH });
    db.close();
    const verify = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/cli/verify.ts'], {
      env: { ...process.env, FRAUDWALL_DATA_DIR: dataDir },
    });
    expect(verify.stdout).toMatch(/^verify: OK/);
  }, 90_000);
});

describe('graceful stop', () => {
  it('on SIGTERM finishes the batch in flight, closes the sockets and exits 0 within 10 s', async () => {
    const server = await spawnServer(dataDir);
    children.push(server);
    const wall = new WallClient(server.url);
    await wall.connected();
    const disconnected = new Promise<void>((resolve) => wall.socket.once('disconnect', () => resolve()));
    const at = new Date(Date.now() - 60_000).toISOString();
    const body = JSON.stringify(Array.from({ length: 5_000 }, (_, i) => warning(`term-${i}`, at)));
    const posting = fetch(`${server.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
      body,
    });
    await new Promise((r) => setTimeout(r, 20));
    const stoppedAt = Date.now();
    server.child.kill('SIGTERM');
    const response = await posting;
    expect(response.status).toBe(200);
    expect(((await response.json()) as Summary).accepted).toBe(5_000);
    await disconnected;
    expect(await server.exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    wall.close();
    // Nothing is accepted once it is stopping.
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  }, 30_000);
});
