// The schema, versioned by SQLite's user_version: each entry upgrades from the version before.
// Append new migrations; never edit one that has shipped.
import type { Database } from 'better-sqlite3';

const MIGRATIONS: readonly string[] = [
  /* 1: event log, projections, rollups, dead letters */ `
  CREATE TABLE events (
    seq         INTEGER PRIMARY KEY,
    id          TEXT    NOT NULL UNIQUE,
    type        TEXT    NOT NULL,
    at_ms       INTEGER NOT NULL,
    day         TEXT    NOT NULL,
    county      TEXT    NOT NULL,
    warning_id  TEXT,
    body        TEXT    NOT NULL,
    received_ms INTEGER NOT NULL
  );
  CREATE INDEX events_by_warning ON events (warning_id) WHERE warning_id IS NOT NULL;

  CREATE TABLE warnings (
    id         TEXT    PRIMARY KEY,
    county     TEXT    NOT NULL,
    day        TEXT    NOT NULL,
    bucket     INTEGER NOT NULL,
    at_ms      INTEGER NOT NULL,
    level      TEXT    NOT NULL,
    source     TEXT    NOT NULL,
    fraud_type TEXT    NOT NULL,
    phone      TEXT    NOT NULL,
    name       TEXT
  ) WITHOUT ROWID;

  CREATE TABLE escalations (
    warning_id TEXT    NOT NULL,
    n          INTEGER NOT NULL,
    county     TEXT    NOT NULL,
    opened_ms  INTEGER NOT NULL,
    stage      TEXT    NOT NULL,
    stage_ms   INTEGER NOT NULL,
    station    TEXT,
    outcome    TEXT,
    PRIMARY KEY (warning_id, n)
  ) WITHOUT ROWID;
  CREATE INDEX escalations_open ON escalations (stage) WHERE stage <> 'resolved';

  CREATE TABLE rollups (
    day    TEXT    NOT NULL,
    county TEXT    NOT NULL,
    metric TEXT    NOT NULL,
    value  INTEGER NOT NULL,
    PRIMARY KEY (day, county, metric)
  ) WITHOUT ROWID;

  CREATE TABLE volume (
    day    TEXT    NOT NULL,
    bucket INTEGER NOT NULL,
    level  TEXT    NOT NULL,
    value  INTEGER NOT NULL,
    PRIMARY KEY (day, bucket, level)
  ) WITHOUT ROWID;

  CREATE TABLE rejected (
    seq         INTEGER PRIMARY KEY,
    received_ms INTEGER NOT NULL,
    idx         INTEGER NOT NULL,
    event_id    TEXT,
    errors      TEXT    NOT NULL,
    event       TEXT    NOT NULL
  );
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`database schema version ${current} is newer than this fraudwall (${SCHEMA_VERSION})`);
  }
  db.transaction(() => {
    for (let version = current; version < SCHEMA_VERSION; version++) {
      db.exec(MIGRATIONS[version] ?? '');
      db.pragma(`user_version = ${version + 1}`);
    }
  })();
}
