// No statement a request can run scans the event log: every statement the store's threads
// prepare is put through EXPLAIN QUERY PLAN on a migrated database, and a full scan of
// `events` fails the test. What a page needs is a projection kept in the ingest transaction.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readConfig } from '../../server/config';
import { sqliteReader } from '../../server/store/sqlite/reader';
import { sqliteWriter } from '../../server/store/sqlite/writer';
import { DATABASE_FILE } from '../../server/store/sqlite/open-database';

const dataDir = mkdtempSync(path.join(tmpdir(), 'fraudwall-plans-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Every statement the writer and the reader prepare, as SQL. */
function preparedByStoreThreads(): string[] {
  const seen = new Set<string>();
  const prepare = Database.prototype.prepare;
  const spy = vi.spyOn(Database.prototype, 'prepare').mockImplementation(function (this: Database.Database, sql: string) {
    seen.add(sql);
    return prepare.call(this, sql);
  } as typeof prepare);
  const config = readConfig({ FRAUDWALL_DATA_DIR: dataDir });
  const settings = { dataDir, timeZone: config.timeZone, region: config.region, maxEventAgeDays: 1_100, index: config.index, redMinutes: 30, sessionIdleMs: 1_800_000, auditKey: '0'.repeat(64) };
  try {
    const writer = sqliteWriter(settings, () => {});
    const reader = sqliteReader(settings);
    void reader.close();
    void writer.close();
  } finally {
    spy.mockRestore();
  }
  return [...seen];
}

/** EXPLAIN QUERY PLAN needs every parameter bound; any value does. */
function planOf(db: Database.Database, sql: string): string[] {
  const explain = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const named = [...sql.matchAll(/@(\w+)/g)].map((match) => match[1]!);
  if (named.length > 0) return (explain.all(Object.fromEntries(named.map((name) => [name, null]))) as { detail: string }[]).map((row) => row.detail);
  for (let params = 0; params <= 20; params++) {
    try {
      return (explain.all(...Array<null>(params).fill(null)) as { detail: string }[]).map((row) => row.detail);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
  }
  throw new Error(`could not bind the parameters of: ${sql}`);
}

describe('statements on request paths', () => {
  it('never scan the event log', () => {
    const statements = preparedByStoreThreads();
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    const scans = statements.flatMap((sql) =>
      planOf(db, sql)
        .filter((detail) => /^SCAN events\b/.test(detail))
        .map((detail) => `${detail}  ←  ${sql.replace(/\s+/g, ' ').trim()}`),
    );
    console.info(`EXPLAIN QUERY PLAN: ${statements.length} statements checked`);
    if (process.env['SHOW_PLANS']) for (const sql of statements) console.info(planOf(db, sql).join(' | '), '←', sql.replace(/\s+/g, ' '));
    db.close();
    expect(statements.length).toBeGreaterThan(25);
    expect(scans).toEqual([]);
  });
});
