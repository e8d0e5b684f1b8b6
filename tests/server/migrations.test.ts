// A database from before migrations 2, 3, 5, 16 and 17 gets the anti-fraud index counters and the
// calls by channel recounted from its events, its monthly rollups built, and the stations and money projections filled,
// equal to what live counting produces. A database written by a later release is refused.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase } from '../../server/store/sqlite/open-database';
import { SCHEMA_VERSION } from '../../server/store/sqlite/migrations';
import { contact, escalation, interception, SHAOXING, warning } from '../fixtures/events';
import { ManualClock, startServer } from '../support/test-server';

const t = (hhmm: string) => `2026-11-27T${hhmm}:00+08:00`;
const MONTHLY_ROWS = 'SELECT month, county, metric, value FROM rollups_monthly ORDER BY 1, 2, 3';
const PROJECTION_ROWS = 'SELECT county, station, uses FROM stations ORDER BY 1, 2';
const MONEY_ROWS = 'SELECT value FROM money_total';
const FACE_TO_FACE_ROWS = 'SELECT warning_id, station_ms FROM escalations ORDER BY 1';
const RECOUNTED = "metric = 'warning.timely' OR metric LIKE 'resolved.within.%' OR metric LIKE 'channel.%'";
const INDEX_ROWS = `SELECT day, county, metric, value FROM rollups WHERE ${RECOUNTED} ORDER BY 1, 2, 3`;

describe('migrations', () => {
  it('bring a version-1 database up to date: index counters recounted, monthly rollups built', async () => {
    const server = await startServer({ clock: new ManualClock(Date.parse(t('12:00'))) });
    await server.ingest([
      warning('m-w1', t('09:00')),
      contact('m-c1', 'm-w1', t('09:05'), { result: 'unreachable' }),
      escalation('m-e1', 'm-w1', t('09:30'), 'resolved', { outcome: 'dissuaded' }),
      warning('m-w2', t('10:00'), { county: SHAOXING.zhuji }),
      contact('m-c2', 'm-w2', t('10:30'), { county: SHAOXING.zhuji, channel: undefined }),
      contact('m-c3', 'm-w2', t('10:35'), { county: SHAOXING.zhuji, channel: 'local_call', result: 'not_deceived' }),
      escalation('m-e2', 'm-w1', t('09:20'), 'station', { station: '柯桥派出所' }),
      escalation('m-e3', 'm-w2', t('10:40'), 'station', { station: '柯桥派出所', county: SHAOXING.zhuji }),
      escalation('m-e4', 'm-w2', t('10:50'), 'resolved', { station: '枫桥派出所', outcome: 'loss', county: SHAOXING.zhuji }),
      interception('m-i1', t('11:00'), { amountFen: 123_456 }),
    ]);
    await server.close();
    const file = path.join(server.dataDir, DATABASE_FILE);

    const db = new Database(file);
    const counted = db.prepare(INDEX_ROWS).all();
    const monthly = db.prepare(MONTHLY_ROWS).all();
    const stations = db.prepare(PROJECTION_ROWS).all();
    const money = db.prepare(MONEY_ROWS).all();
    const faceToFace = db.prepare(FACE_TO_FACE_ROWS).all();
    expect(counted.length).toBeGreaterThan(3);
    expect(counted).toContainEqual({ day: '2026-11-27', county: SHAOXING.zhuji, metric: 'channel.unknown.dissuaded', value: 1 });
    expect(counted).toContainEqual({ day: '2026-11-27', county: SHAOXING.zhuji, metric: 'channel.local_call.not_deceived', value: 1 });
    expect(monthly.length).toBeGreaterThan(10);
    expect(stations).toHaveLength(3);
    expect(money).toEqual([{ value: 123_456 }]);
    // Make it a version-1 database: no index counters, no monthly rollups, no meta, no shared failure counts, no accounts.
    db.exec(`DELETE FROM rollups WHERE ${RECOUNTED}`);
    db.exec('DROP TABLE rollups_monthly');
    db.exec('DROP TABLE meta');
    db.exec('DROP TABLE stations; DROP TABLE money_total; DROP INDEX rejected_by_bytes');
    db.exec('ALTER TABLE rejected DROP COLUMN bytes; ALTER TABLE rejected DROP COLUMN bytes_through');
    db.exec('DROP TABLE auth_failures; DROP TABLE accounts; DROP TABLE sessions; DROP TABLE audit; DROP TABLE sign_in_failures; DROP TABLE sso_bindings; DROP INDEX events_by_day');
    db.exec('ALTER TABLE escalations DROP COLUMN holder; DROP TABLE wall_scenes; DROP TABLE wall_playlists');
    db.exec('DROP INDEX escalations_resolved; ALTER TABLE escalations DROP COLUMN grid; ALTER TABLE escalations DROP COLUMN station_ms; ALTER TABLE escalations DROP COLUMN grid_ms');
    db.exec('DROP TABLE alert_targets; DROP TABLE alert_subjects; DROP TABLE alert_outbox; DROP TABLE alert_counts; DROP TABLE alert_sender; DROP TABLE feeds; DROP TABLE feed_gaps; DROP TABLE type_volume; DROP TABLE surge_episodes');
    db.pragma('user_version = 1');
    db.close();

    const migrated = openDatabase(server.dataDir);
    expect(migrated.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(migrated.prepare(INDEX_ROWS).all()).toEqual(counted);
    expect(migrated.prepare(MONTHLY_ROWS).all()).toEqual(monthly);
    expect(migrated.prepare(PROJECTION_ROWS).all()).toEqual(stations);
    expect(migrated.prepare(MONEY_ROWS).all()).toEqual(money);
    // When the station was sent, recovered from the steps: not a step accepted after the report back.
    expect(migrated.prepare(FACE_TO_FACE_ROWS).all()).toEqual(faceToFace);
    expect(faceToFace).toEqual([
      { warning_id: 'm-w1', station_ms: null },
      { warning_id: 'm-w2', station_ms: Date.parse(t('10:40')) },
    ]);
    migrated.close();
    await server.destroy();
  });
});

describe('a database from a later release', () => {
  it('is refused at start with exit 2, naming both versions, and left as it was', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fraudwall-newer-'));
    try {
      const first = await startServer({ dataDir });
      await first.close();
      const db = new Database(path.join(dataDir, DATABASE_FILE));
      db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      db.close();
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        env: { ...process.env, PORT: '0', HOST: '127.0.0.1', FRAUDWALL_DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(2);
      expect(out).toContain(`database schema version ${SCHEMA_VERSION + 1} is newer than this fraudwall (schema ${SCHEMA_VERSION})`);
      const after = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
      expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
      after.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
