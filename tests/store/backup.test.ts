// npm run backup while the server takes ingest: the copy holds every event acknowledged before
// the backup began, is whole (integrity, audit chain), and its manifest matches it; the live
// database is untouched and serving throughout.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { warning } from '../fixtures/events';
import { startServer, type TestServer } from '../support/test-server';

let server: TestServer | undefined;
const outDir = mkdtempSync(path.join(tmpdir(), 'fraudwall-backup-'));
afterAll(async () => {
  await server?.destroy();
  rmSync(outDir, { recursive: true, force: true });
});

function runBackup(dataDir: string, out: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/backup.ts', '--out', out], {
    env: { ...process.env, FRAUDWALL_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return once(child, 'exit').then(([code]) => ({ code: code as number | null, output }));
}

describe('npm run backup', () => {
  it('copies, while ingest goes on, every event acknowledged before it began, and proves the copy whole', async () => {
    server = await startServer();
    const acknowledgedAt = new Map<string, number>();
    let posting = true;
    const poster = (async () => {
      for (let i = 0; posting; i++) {
        const id = `bk-${i}`;
        await server!.ingest([warning(id, new Date().toISOString())]);
        acknowledgedAt.set(id, performance.now());
      }
    })();
    while (acknowledgedAt.size < 200) await new Promise((r) => setTimeout(r, 20));
    const out = path.join(outDir, 'fraudwall.backup');
    const began = performance.now();
    const result = await runBackup(server.dataDir, out);
    posting = false;
    await poster;
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/backup: OK/);
    expect(existsSync(`${out}.partial`)).toBe(false);

    const copy = new Database(out, { readonly: true });
    const stored = new Set((copy.prepare("SELECT id FROM events").pluck().all() as string[]));
    const manifest = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as { bytes: number; sha256: string; events: number; schemaVersion: number };
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(manifest.events).toBe(stored.size);
    expect(manifest.schemaVersion).toBe(copy.pragma('user_version', { simple: true }));
    copy.close();
    const before = [...acknowledgedAt].filter(([, at]) => at < began).map(([id]) => id);
    expect(before.length).toBeGreaterThanOrEqual(200);
    expect(before.filter((id) => !stored.has(id))).toEqual([]);
    const bytes = readFileSync(out);
    expect(manifest.bytes).toBe(bytes.length);
    expect(manifest.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    // The live database went on taking ingest meanwhile.
    expect((await server.snapshot()).today.warnings.total).toBe(acknowledgedAt.size);
  }, 60_000);

  it('refuses without --out, saying what it needs', async () => {
    const result = await runBackup(server!.dataDir, '');
    expect(result.code).toBe(2);
    expect(result.output).toContain('--out FILE is required');
  });
});
