// A database from before migration 2 gets the anti-fraud index counters recounted from its
// events, equal to what live counting produces.
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase } from '../../server/store/open-database';
import { SCHEMA_VERSION } from '../../server/store/migrations';
import { contact, escalation, SHAOXING, warning } from '../fixtures/events';
import { ManualClock, startServer } from '../support/test-server';

const t = (hhmm: string) => `2026-11-27T${hhmm}:00+08:00`;
const INDEX_ROWS = "SELECT day, county, metric, value FROM rollups WHERE metric = 'warning.timely' OR metric LIKE 'resolved.within.%' ORDER BY 1, 2, 3";

describe('migrations', () => {
  it('recount the index counters of events stored before version 2', async () => {
    const server = await startServer({ clock: new ManualClock(Date.parse(t('12:00'))) });
    await server.ingest([
      warning('m-w1', t('09:00')),
      contact('m-c1', 'm-w1', t('09:05'), { result: 'unreachable' }),
      escalation('m-e1', 'm-w1', t('09:30'), 'resolved', { outcome: 'dissuaded' }),
      warning('m-w2', t('10:00'), { county: SHAOXING.zhuji }),
      contact('m-c2', 'm-w2', t('10:30'), { county: SHAOXING.zhuji }),
    ]);
    await server.close();
    const file = path.join(server.dataDir, DATABASE_FILE);

    const db = new Database(file);
    const counted = db.prepare(INDEX_ROWS).all();
    expect(counted.length).toBeGreaterThan(3);
    // Make it a version-1 database: no index counters.
    db.exec("DELETE FROM rollups WHERE metric = 'warning.timely' OR metric LIKE 'resolved.within.%'");
    db.pragma('user_version = 1');
    db.close();

    const migrated = openDatabase(server.dataDir);
    expect(migrated.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(migrated.prepare(INDEX_ROWS).all()).toEqual(counted);
    migrated.close();
    await server.destroy();
  });
});
