// SQLite's reader: the repositories the reader's use cases run over (ports.ts), on a read-only
// connection of its own thread — WAL lets it read while the writer writes, so a year of
// statistics never waits behind ingest, nor ingest behind it.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ReaderPorts } from '../ports';
import type { StoreSettings } from '../store-settings';
import { SqliteAudit } from './audit';
import { DeadLetters } from './dead-letters';
import { EventLog } from './event-log';
import { DATABASE_FILE } from './open-database';
import { ProjectionTables } from './projection-tables';
import { escalationsSpanningSql } from '../../playback/playback-source';
import { SqliteFaceToFace } from './face-to-face';
import { SqliteRollupSums } from './rollup-sums';

/** Opens after the writer, which creates and migrates the database. */
export function sqliteReader(settings: StoreSettings): ReaderPorts {
  const db = new Database(path.join(settings.dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const tables = new ProjectionTables(db);
  const log = new EventLog(db);
  const deadLetters = new DeadLetters(db);
  const escalationsSpanning = db.prepare<[{ at: number; limit: number }], string>(escalationsSpanningSql('@at', '@limit')).pluck();
  const displayNames = db.prepare<[string], { username: string; display_name: string }>(
    'SELECT username, display_name FROM accounts WHERE username IN (SELECT value FROM json_each(?)) AND display_name IS NOT NULL',
  );
  return {
    rollupSums: new SqliteRollupSums(db),
    faceToFace: new SqliteFaceToFace(db),
    playback: { escalationsSpanning: (atMs, limit) => escalationsSpanning.all({ at: atMs, limit }) },
    openEscalations: {
      oldestOpenEscalations: (limit, within) => tables.oldestOpenEscalations(limit, within),
      historiesOf: (warningIds, limit) => new Map(warningIds.map((id) => [id, log.historyOf(id, limit)])),
      displayNames: (usernames) => new Map(displayNames.all(JSON.stringify(usernames)).map((row) => [row.username, row.display_name])),
    },
    stations: (county, limit) => tables.stationsUsedIn(county, limit),
    newestDeadLetters: (limit, within) => deadLetters.newest(limit, within),
    audit: new SqliteAudit(db, settings.auditKey),
    close: () => void db.close(),
  };
}
