// npm run ingest -- file.ndjson: the integrators' bulk loader, against a real server.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warning } from '../fixtures/events';
import { INGEST_TOKEN, startServer, type TestServer } from '../support/test-server';

const run = promisify(execFile);
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.destroy());

describe('ingest CLI', () => {
  it('loads an NDJSON file in batches and reports rejected lines by number', async () => {
    const at = new Date(Date.now() - 60_000).toISOString();
    const lines = Array.from({ length: 25 }, (_, i) => JSON.stringify(warning(`cli-${i}`, at)));
    lines.splice(10, 0, '', JSON.stringify(warning('cli-bad', at, { level: 'severe' })));
    const file = path.join(server.dataDir, 'events.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);

    const result = await run(process.execPath, ['--import', 'tsx', 'server/cli/ingest-file.ts', file, '--url', server.url, '--batch', '7'], {
      env: { ...process.env, FRAUDWALL_INGEST_TOKEN: INGEST_TOKEN },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect('code' in result ? result.code : 0).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({ accepted: 25, duplicates: 0, rejected: 1 });
    expect(result.stderr).toContain('line 12 (cli-bad): level: must be one of high, medium, low');
    expect((await server.snapshot()).today.warnings.total).toBe(25);
  });
});
