// SQLite's failures, told apart with the real driver: a locked database or a read-only file is
// the database's trouble (503, retry); a constraint violated or a statement that does not parse
// is a bug (500), which no retry mends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { classified, StoreUnavailable, transientCode } from '../../server/store/errors';
import { isSqliteFault } from '../../server/store/sqlite/faults';

const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function failureOf(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('isSqliteFault', () => {
  const file = path.join(dir, 'faults.sqlite');
  const db = new Database(file);
  db.exec('CREATE TABLE kept (id TEXT PRIMARY KEY)');
  db.prepare("INSERT INTO kept VALUES ('a')").run();

  it('takes a busy database and a read-only one for the database’s trouble', () => {
    const holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE');
    const waiter = new Database(file, { timeout: 0 });
    const busy = failureOf(() => waiter.prepare("INSERT INTO kept VALUES ('b')").run());
    expect((busy as { code: string }).code).toBe('SQLITE_BUSY');
    expect(isSqliteFault(busy)).toBe(true);
    holder.exec('ROLLBACK');
    const reader = new Database(file, { readonly: true });
    const readOnly = failureOf(() => reader.prepare("INSERT INTO kept VALUES ('c')").run());
    expect((readOnly as { code: string }).code).toMatch(/^SQLITE_READONLY/);
    expect(isSqliteFault(readOnly)).toBe(true);
    for (const connection of [holder, waiter, reader]) connection.close();
  });

  it('takes a constraint violated, a statement that does not parse and our own TypeError for bugs', () => {
    const conflict = failureOf(() => db.prepare("INSERT INTO kept VALUES ('a')").run());
    expect((conflict as { code: string }).code).toMatch(/^SQLITE_CONSTRAINT/);
    expect(isSqliteFault(conflict)).toBe(false);
    expect(isSqliteFault(failureOf(() => db.prepare('SELEKT 1')))).toBe(false);
    expect(isSqliteFault(new TypeError('undefined is not a function'))).toBe(false);
  });

  it('turns only faults into StoreUnavailable, and leaves a bug as it was thrown', () => {
    const conflict = failureOf(() => db.prepare("INSERT INTO kept VALUES ('a')").run());
    expect(classified(conflict, isSqliteFault)).toBe(conflict);
    expect(transientCode(classified(conflict, isSqliteFault))).toBeUndefined();
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY_SNAPSHOT' });
    const failure = classified(busy, isSqliteFault);
    expect(failure).toBeInstanceOf(StoreUnavailable);
    expect(transientCode(failure)).toBe('FRAUDWALL_STORE_UNAVAILABLE');
  });
});
