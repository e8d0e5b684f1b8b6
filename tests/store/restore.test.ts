// npm run restore (both engines): a backup taken while events were being posted restores to a
// database holding every event acknowledged before the backup began (and perhaps some after),
// on which a server starts and `npm run verify` passes; an old backup does not bring back a
// victim the retention has erased since; a backup cut short, a database already there and a disk
// too small are refused, leaving nothing behind.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHAOXING, warning } from '../fixtures/events';
import { runTool } from '../support/backup-tools';
import { SMALL_DISK_AVAILABLE, smallDisk } from '../support/small-disk';
import { storedRows, type StoredIn } from '../support/stored';
import { databaseFor, ManualClock, startServer, TEST_ENGINE, type TestServer } from '../support/test-server';
import { runVerify } from '../support/verify';
import { waitFor } from '../support/wait-for';

const DAY_MS = 86_400_000;
const servers: TestServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const server of servers) await server.destroy().catch(() => {});
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `fraudwall-${name}-`));
  dirs.push(dir);
  return dir;
}

/** A fresh data dir, and in the PostgreSQL run an empty database of its own. */
async function emptyStorage(): Promise<StoredIn> {
  const dataDir = tempDir('restored');
  const databaseUrl = await databaseFor(dataDir);
  return databaseUrl === undefined ? { dataDir } : { dataDir, databaseUrl };
}

const keyOf = (server: StoredIn) => path.join(server.dataDir, 'audit.key');
const ids = async (where: StoredIn) => new Set((await storedRows<{ id: string }>(where, 'SELECT id FROM events')).map((row) => row.id));
const nothingRestored = async (where: StoredIn) =>
  where.databaseUrl === undefined
    ? readdirSync(where.dataDir).filter((name) => name.startsWith('fraudwall.sqlite'))
    : (await storedRows<{ tablename: string }>(where, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).map((row) => row.tablename);

/** Whether a file holds `text`, read by another process (so this one never closes a descriptor SQLite holds locks through). */
function fileHolds(file: string, text: string): boolean {
  const script = 'process.stdout.write(String(require("node:fs").readFileSync(process.argv[1]).includes(Buffer.from(process.argv[2]))))';
  return execFileSync(process.execPath, ['-e', script, file, text], { encoding: 'utf8' }) === 'true';
}

describe(`npm run restore (${TEST_ENGINE})`, () => {
  let live: TestServer;
  let backup: string;

  it('restores a backup taken during ingest: every event acknowledged before it, a server starts on it, verify passes', async () => {
    live = await startServer();
    servers.push(live);
    const acknowledgedAt = new Map<string, number>();
    let posting = true;
    const poster = (async () => {
      for (let i = 0; posting; i++) {
        await live.ingest([warning(`rs-${i}`, new Date().toISOString())]);
        acknowledgedAt.set(`rs-${i}`, performance.now());
      }
    })();
    await waitFor(() => expect(acknowledgedAt.size).toBeGreaterThanOrEqual(150), 30_000);
    backup = path.join(tempDir('backups'), 'fraudwall.backup');
    const began = performance.now();
    const taken = await runTool('backup', ['--out', backup], live);
    posting = false;
    await poster;
    expect(taken.code, taken.output).toBe(0);

    const target = await emptyStorage();
    // The node's own anchors name records written after the backup, which the restore rightly drops.
    const anchors = path.join(target.dataDir, 'audit-anchors.jsonl');
    writeFileSync(anchors, `${JSON.stringify({ at: new Date().toISOString(), seq: 1_000_000, hash: 'k1:later' })}\n`);
    const restored = await runTool('restore', [backup, '--audit-key', keyOf(live)], target);
    expect(restored.code, restored.output).toBe(0);
    expect(restored.output).toMatch(/restore: OK/);
    expect(restored.output).toContain(`were moved to ${anchors}.before-restore-`);
    expect(existsSync(anchors)).toBe(false);
    const stored = await ids(target);
    const acknowledgedBefore = [...acknowledgedAt].filter(([, at]) => at < began).map(([id]) => id);
    expect(acknowledgedBefore.length).toBeGreaterThanOrEqual(150);
    expect(acknowledgedBefore.filter((id) => !stored.has(id))).toEqual([]);
    expect([...stored].filter((id) => !acknowledgedAt.has(id))).toEqual([]);
    const manifest = JSON.parse(readFileSync(`${backup}.json`, 'utf8')) as { events: number };
    expect(stored.size).toBe(manifest.events);

    const server = await startServer({ dataDir: target.dataDir });
    servers.push(server);
    expect((await server.snapshot()).today.warnings.total).toBe(stored.size);
    const restoreRecords = await storedRows<{ actor: string; result: string }>(server, "SELECT actor, result FROM audit WHERE action = 'restore'");
    expect(restoreRecords).toHaveLength(1);
    await server.close();
    const verified = await runVerify(target);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toMatch(/audit: OK/);
  }, 120_000);

  it('refuses a backup cut short, or one without its manifest, and leaves the target empty', async () => {
    const dir = tempDir('cut');
    const cut = path.join(dir, 'cut.backup');
    copyFileSync(backup, cut);
    copyFileSync(`${backup}.json`, `${cut}.json`);
    truncateSync(cut, Math.floor(readFileSync(cut).length / 2));
    const target = await emptyStorage();
    const refused = await runTool('restore', [cut, '--audit-key', keyOf(live)], target);
    expect(refused.code).toBe(2);
    expect(refused.output).toMatch(/cut short/);
    rmSync(`${cut}.json`);
    const bare = await runTool('restore', [cut, '--audit-key', keyOf(live)], target);
    expect(bare.code).toBe(2);
    expect(bare.output).toMatch(/cut.backup.json is missing/);
    expect(await nothingRestored(target)).toEqual([]);
    expect(existsSync(path.join(target.dataDir, 'audit.key'))).toBe(false);
  }, 60_000);

  it('refuses to restore over a database that is there', async () => {
    const refused = await runTool('restore', [backup], live);
    expect(refused.code).toBe(2);
    expect(refused.output).toMatch(/empty (data dir|database) only/);
    expect((await live.snapshot()).today.warnings.total).toBeGreaterThan(0);
  }, 60_000);

  it('erases again, before serving, a victim the retention has erased since the backup', async () => {
    const OLD_PHONE = '13977005566';
    const RECENT_PHONE = '13566007788';
    // Received in March: over the default 180 days before today, when the restore runs.
    const clock = new ManualClock(Date.parse('2026-03-02T10:00:00+08:00'));
    const server = await startServer({ clock });
    servers.push(server);
    await server.ingest([warning('rt-old', '2026-03-02T09:00:00+08:00', { county: SHAOXING.keqiao, victim: { phone: OLD_PHONE, name: '欧阳娜娜' } })]);
    clock.ms = Date.now() - DAY_MS;
    await server.ingest([warning('rt-recent', new Date(clock.ms).toISOString(), { victim: { phone: RECENT_PHONE, name: '王芳' } })]);
    const old = path.join(tempDir('old-backup'), 'old.backup');
    const taken = await runTool('backup', ['--out', old], server);
    expect(taken.code, taken.output).toBe(0);
    // The backup holds the victim the live database still holds (its retention job has not run since).
    expect(await storedRows(server, "SELECT id FROM warnings WHERE phone = $1", [OLD_PHONE])).toHaveLength(1);

    const target = await emptyStorage();
    const restored = await runTool('restore', [old, '--audit-key', keyOf(server)], target);
    expect(restored.code, restored.output).toBe(0);
    const rows = await storedRows<{ id: string; phone: string; name: string | null }>(target, 'SELECT id, phone, name FROM warnings ORDER BY id');
    expect(rows).toEqual([
      { id: 'rt-old', phone: '', name: null },
      { id: 'rt-recent', phone: RECENT_PHONE, name: '王芳' },
    ]);
    const body = (await storedRows<{ body: string }>(target, "SELECT body FROM events WHERE id = 'rt-old'"))[0]!.body;
    expect(body).not.toContain(OLD_PHONE);
    if (target.databaseUrl === undefined) {
      expect(fileHolds(old, OLD_PHONE)).toBe(true);
      expect(fileHolds(path.join(target.dataDir, 'fraudwall.sqlite'), OLD_PHONE)).toBe(false);
      expect(existsSync(path.join(target.dataDir, 'fraudwall.sqlite-wal'))).toBe(false);
    }
  }, 60_000);

  it.runIf(TEST_ENGINE === 'sqlite' && SMALL_DISK_AVAILABLE)('fails cleanly on a disk too small for the database, leaving nothing there', async () => {
    const disk = smallDisk(24);
    try {
      const target = { dataDir: path.join(disk.dir, 'data') };
      disk.fill(4 * 1_048_576);
      const refused = await runTool('restore', [backup, '--audit-key', keyOf(live)], target);
      expect(refused.code).toBe(2);
      expect(refused.output).toMatch(/has [\d.]+ MB free; the restore needs/);
      expect(await nothingRestored(target)).toEqual([]);
    } finally {
      disk.unmount();
    }
  }, 60_000);

});
