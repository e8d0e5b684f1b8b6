// npm run backup while the server takes ingest: the copy holds every event acknowledged before
// the backup began, is whole (integrity, audit chain), and its manifest matches it; the live
// database is untouched and serving throughout — also when the backup's disk fills up or the
// backup is killed half-way. The timer's --dir --keep keeps the newest copies.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { warning } from '../fixtures/events';
import { runTool, startTool } from '../support/backup-tools';
import { SMALL_DISK_AVAILABLE, smallDisk } from '../support/small-disk';
import { startServer, type TestServer } from '../support/test-server';
import { runVerify } from '../support/verify';

let server: TestServer | undefined;
const outDir = mkdtempSync(path.join(tmpdir(), 'fraudwall-backup-'));
afterAll(async () => {
  await server?.destroy();
  rmSync(outDir, { recursive: true, force: true });
});

const runBackup = (dataDir: string, out: string) => runTool('backup', ['--out', out], { dataDir });

/** The server takes ingest and answers its walls. */
async function stillServing(server: TestServer, id: string): Promise<void> {
  const before = (await server.snapshot()).today.warnings.total;
  await server.ingest([warning(id, new Date().toISOString())]);
  expect((await server.snapshot()).today.warnings.total).toBe(before + 1);
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
    expect(result.output).toContain('--out FILE or --dir DIR is required');
  });

  it.runIf(SMALL_DISK_AVAILABLE)('fails cleanly when its disk fills up: nothing kept, the live database serving', async () => {
    // Enough events that the copy is larger than the room left.
    for (let i = 0; i < 10; i++) await server!.ingest(Array.from({ length: 500 }, (_, j) => warning(`fill-${i}-${j}`, new Date().toISOString())));
    const disk = smallDisk(16);
    try {
      disk.fill(64 * 1024);
      const out = path.join(disk.dir, 'fraudwall.backup');
      const result = await runBackup(server!.dataDir, out);
      expect(result.code, result.output).toBe(2);
      expect(result.output).toMatch(/nothing was kept/);
      expect(readdirSync(disk.dir).filter((name) => name !== 'filler')).toEqual([]);
    } finally {
      disk.unmount();
    }
    await stillServing(server!, 'after-full');
  }, 60_000);

  it('killed half-way, leaves no backup under its name, and the live database untouched and serving', async () => {
    const dir = mkdtempSync(path.join(outDir, 'killed-'));
    const out = path.join(dir, 'fraudwall.backup');
    const partialAppeared = new Promise<void>((resolve) => {
      const watcher = watch(dir, (_event, name) => {
        if (name === 'fraudwall.backup.partial') {
          watcher.close();
          resolve();
        }
      });
    });
    const run = startTool('backup', ['--out', out], { dataDir: server!.dataDir });
    await partialAppeared;
    process.kill(run.pid, 'SIGKILL');
    const killed = await run.done;
    expect(killed.code, 'the backup ended before it was killed: nothing was tested').toBeNull();
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.json`)).toBe(false);
    // What it left is not mistaken for a backup…
    const restored = await runTool('restore', [`${out}.partial`], { dataDir: mkdtempSync(path.join(outDir, 'target-')) });
    expect(restored.code).toBe(2);
    await stillServing(server!, 'after-kill');
    await server!.close();
    const verified = await runVerify({ dataDir: server!.dataDir });
    expect(verified.code, verified.stdout).toBe(0);
    server = await startServer({ dataDir: server!.dataDir });
    // …and the next backup clears it away.
    expect((await runBackup(server.dataDir, out)).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['fraudwall.backup', 'fraudwall.backup.json']);
  }, 60_000);

  it('keeps the newest --keep copies in --dir, by when each was taken', async () => {
    const dir = path.join(outDir, 'daily');
    const names: string[] = [];
    for (let i = 0; i < 4; i++) {
      const result = await runTool('backup', ['--dir', dir, '--keep', '2'], { dataDir: server!.dataDir });
      expect(result.code, result.output).toBe(0);
      names.push(readdirSync(dir).filter((name) => name.endsWith('.sqlite')).sort().at(-1)!);
      // Names are to the second: the next one is taken in another.
      const second = Math.floor(Date.now() / 1000);
      while (Math.floor(Date.now() / 1000) === second) await new Promise((r) => setTimeout(r, 50));
    }
    expect(new Set(names).size).toBe(4);
    expect(readdirSync(dir).sort()).toEqual([names[2], `${names[2]}.json`, names[3], `${names[3]}.json`]);
  }, 60_000);
});
