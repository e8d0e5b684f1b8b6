// What the process writes: a bad FRAUDWALL_LOG_LEVEL stops it with a message naming the
// variable, like every other setting, and no token ever reaches the log.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer } from '../support/server-process';
import { INGEST_TOKEN, OPERATOR_TOKEN, VIEWER_TOKEN } from '../support/test-server';
import { waitFor } from '../support/wait-for';

const dataDir = mkdtempSync(path.join(tmpdir(), 'fraudwall-log-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the process log', () => {
  it('stops on a bad FRAUDWALL_LOG_LEVEL, naming it', async () => {
    await expect(spawnServer(dataDir, 0, { FRAUDWALL_LOG_LEVEL: 'chatty' })).rejects.toThrow(/exited \(2\)[\s\S]*FRAUDWALL_LOG_LEVEL: /);
  });

  it('never writes a token, not even for the kiosk URL or a failed sign-in', async () => {
    const server = await spawnServer(dataDir, 0, { FRAUDWALL_VIEWER_TOKEN: VIEWER_TOKEN });
    try {
      expect((await fetch(`${server.url}/api/v1/snapshot`, { headers: { authorization: `Bearer ${VIEWER_TOKEN}` } })).status).toBe(200);
      const wrong = 'a-wrong-token-typed-by-someone';
      expect((await fetch(`${server.url}/api/v1/snapshot`, { headers: { authorization: `Bearer ${wrong}` } })).status).toBe(401);
      // Once the failure is logged, every line about it is.
      const log = await waitFor(() => {
        const output = server.output();
        expect(output).toContain('failed authentication');
        return output;
      });
      expect(log).toContain('fraudwall listening');
      for (const token of [VIEWER_TOKEN, INGEST_TOKEN, OPERATOR_TOKEN, wrong]) expect(log).not.toContain(token);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});
