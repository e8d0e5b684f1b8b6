// The schema, versioned by SQLite's user_version: each entry upgrades from the version before.
// Append new migrations; never edit one that has shipped.
import type { Database } from 'better-sqlite3';
import { SchemaNewer } from '../../upgrade/schema-newer';
import { COUNTED_COUNTY_SQL } from '../sql/counted-county-sql';

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
  /* 2: counters for the anti-fraud index, recounted for events stored before they existed */ `
  INSERT INTO rollups (day, county, metric, value)
  SELECT w.day, w.county, 'warning.timely', count(*)
  FROM warnings w
  JOIN (SELECT warning_id, min(at_ms) AS first FROM events WHERE type = 'contact' GROUP BY warning_id) c
    ON c.warning_id = w.id
  WHERE c.first - w.at_ms <= 10 * 60000
  GROUP BY w.day, w.county
  ON CONFLICT (day, county, metric) DO UPDATE SET value = value + excluded.value;

  INSERT INTO rollups (day, county, metric, value)
  SELECT r.day, e.county, 'resolved.within.' || l.minutes, count(*)
  FROM escalations e
  JOIN events r ON r.warning_id = e.warning_id AND r.type = 'escalation' AND r.at_ms = e.stage_ms
  JOIN (SELECT 15 AS minutes UNION ALL SELECT 20 UNION ALL SELECT 30 UNION ALL SELECT 45
        UNION ALL SELECT 60 UNION ALL SELECT 90 UNION ALL SELECT 120) l
  WHERE e.stage = 'resolved' AND json_extract(r.body, '$.step') = 'resolved'
    AND e.stage_ms - e.opened_ms <= l.minutes * 60000
  GROUP BY r.day, e.county, l.minutes
  ON CONFLICT (day, county, metric) DO UPDATE SET value = value + excluded.value;
  `,
  /* 3: monthly rollups, so a year's statistics read a dozen rows per county and metric */ `
  CREATE TABLE rollups_monthly (
    month  TEXT    NOT NULL,
    county TEXT    NOT NULL,
    metric TEXT    NOT NULL,
    value  INTEGER NOT NULL,
    PRIMARY KEY (month, county, metric)
  ) WITHOUT ROWID;
  INSERT INTO rollups_monthly (month, county, metric, value)
  SELECT substr(day, 1, 7), county, metric, sum(value) FROM rollups WHERE true GROUP BY 1, 2, 3;
  `,
  /* 4: small named values kept between runs (the demo history's plan and progress) */ `
  CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  /* 5: what request paths read, kept in the ingest transaction so no request scans the event
        log — stations used per county, money stored in all — and dead letters bounded in bytes */ `
  CREATE TABLE stations (
    county  TEXT    NOT NULL,
    station TEXT    NOT NULL,
    uses    INTEGER NOT NULL,
    PRIMARY KEY (county, station)
  ) WITHOUT ROWID;
  INSERT INTO stations (county, station, uses)
  SELECT county, json_extract(body, '$.station') AS station, count(*) FROM events
  WHERE type = 'escalation' AND station IS NOT NULL GROUP BY county, station;

  CREATE TABLE money_total (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
  );
  INSERT INTO money_total (id, value)
  SELECT 1, coalesce(sum(value), 0) FROM rollups_monthly
  WHERE metric IN ('intercept.stop_payment', 'intercept.recovery', 'case.lossFen');

  ALTER TABLE rejected ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE rejected ADD COLUMN bytes_through INTEGER NOT NULL DEFAULT 0;
  UPDATE rejected SET bytes = length(CAST(errors AS BLOB)) + length(CAST(event AS BLOB));
  UPDATE rejected SET bytes_through = running.total
  FROM (SELECT seq, sum(bytes) OVER (ORDER BY seq) AS total FROM rejected) AS running
  WHERE running.seq = rejected.seq;
  CREATE INDEX rejected_by_bytes ON rejected (bytes_through);
  `,
  /* 6: volume per county, so a scope's wall reads only its own counties' 10-minute buckets;
        recounted from the warnings (high when the warning has ever been escalated) */ `
  CREATE TABLE volume_by_county (
    day    TEXT    NOT NULL,
    county TEXT    NOT NULL,
    bucket INTEGER NOT NULL,
    level  TEXT    NOT NULL,
    value  INTEGER NOT NULL,
    PRIMARY KEY (day, county, bucket, level)
  ) WITHOUT ROWID;
  INSERT INTO volume_by_county (day, county, bucket, level, value)
  SELECT w.day, w.county, w.bucket,
         CASE WHEN EXISTS (SELECT 1 FROM escalations e WHERE e.warning_id = w.id) THEN 'high' ELSE w.level END,
         count(*)
  FROM warnings w WHERE true GROUP BY 1, 2, 3, 4;
  DROP TABLE volume;
  ALTER TABLE volume_by_county RENAME TO volume;
  `,
  /* 7: a year's statistics group the monthly rollups by county and by month; with these covering
        indexes both groupings stream in order instead of sorting (the province's year: 34,000
        rows per year) */ `
  CREATE INDEX rollups_monthly_by_county ON rollups_monthly (county, metric, month, value);
  CREATE INDEX rollups_monthly_by_metric ON rollups_monthly (month, metric, county, value);
  `,
  /* 8: failed authentications per address, for the rule that must hold across nodes */ `
  CREATE TABLE auth_failures (
    address  TEXT    PRIMARY KEY,
    first_ms INTEGER NOT NULL,
    failures INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX auth_failures_by_age ON auth_failures (first_ms);
  `,
  /* 9: accounts — a person or a device each, with a role and a scope — and their sessions (issue 14) */ `
  CREATE TABLE accounts (
    username      TEXT    PRIMARY KEY,
    role          TEXT    NOT NULL,
    scope         TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_ms    INTEGER NOT NULL,
    updated_ms    INTEGER NOT NULL,
    failed_signins  INTEGER NOT NULL DEFAULT 0,
    locked_until_ms INTEGER NOT NULL DEFAULT 0
  ) WITHOUT ROWID;

  -- Signed-in sessions: the id only as its SHA-256, so the table alone signs no one in.
  CREATE TABLE sessions (
    id_hash    TEXT    PRIMARY KEY,
    username   TEXT    NOT NULL,
    csrf       TEXT    NOT NULL,
    created_ms INTEGER NOT NULL,
    seen_ms    INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX sessions_by_username ON sessions (username);

  -- The audit trail: appended only, each record chained to the one before by its hash.
  CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY,
    at_ms     INTEGER NOT NULL,
    actor     TEXT    NOT NULL,
    role      TEXT    NOT NULL,
    scope     TEXT    NOT NULL,
    action    TEXT    NOT NULL,
    object    TEXT    NOT NULL,
    result    TEXT    NOT NULL,
    address   TEXT    NOT NULL,
    prev_hash TEXT    NOT NULL,
    hash      TEXT    NOT NULL
  );
  CREATE INDEX audit_by_time ON audit (at_ms);
  `,
  /* 10: a device's token (walls, kiosks), only as its SHA-256 */ `
  ALTER TABLE accounts ADD COLUMN token_hash TEXT;
  CREATE UNIQUE INDEX accounts_by_token ON accounts (token_hash) WHERE token_hash IS NOT NULL;
  `,
  /* 11: failed sign-ins per (name, address), which replace the account's own lockout (issue 22);
         accounts.failed_signins and accounts.locked_until_ms are no longer used */ `
  CREATE TABLE sign_in_failures (
    username        TEXT    NOT NULL,
    address         TEXT    NOT NULL,
    recent_ms       TEXT    NOT NULL,
    locked_until_ms INTEGER NOT NULL,
    locks           INTEGER NOT NULL,
    last_failure_ms INTEGER NOT NULL,
    PRIMARY KEY (username, address)
  ) WITHOUT ROWID;
  CREATE INDEX sign_in_failures_by_age ON sign_in_failures (last_failure_ms);
  `,
  /* 12: which person at the identity provider (issuer, subject) each single sign-on account belongs to (issue 22) */ `
  CREATE TABLE sso_bindings (
    username TEXT NOT NULL PRIMARY KEY,
    issuer   TEXT NOT NULL,
    subject  TEXT NOT NULL,
    UNIQUE (issuer, subject)
  ) WITHOUT ROWID;
  `,
  /* 13: a day's events in the order they were accepted: last year's day cut at this time of day,
         and yesterday's warnings up to this time (issue 23) */ `
  CREATE INDEX events_by_day ON events (day, seq);
  `,
  /* 14: hands for the room (issue 25) — who is on each escalation, the name a person is shown
         by, the scene each scope's walls are in and the playlist they follow */ `
  ALTER TABLE escalations ADD COLUMN holder TEXT;
  ALTER TABLE accounts ADD COLUMN display_name TEXT;
  CREATE TABLE wall_scenes (
    scope    TEXT    PRIMARY KEY,
    body     TEXT    NOT NULL,
    until_ms INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE wall_playlists (
    scope TEXT PRIMARY KEY,
    body  TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  /* 15: reach the duty chief (issue 26) — where alarms go, each subject's last raising (so a
        repeat waits its minutes on every node), the outbox nothing leaves until a service took
        it, each target's running counts, and which node sends; each feed's last arrival and its
        longest silences by hour of the week; each 10 minutes' warnings by county and fraud type (the
        surges' counts), the last ten weeks' filled in from the warnings kept */ `
  CREATE TABLE alert_targets (
    name  TEXT PRIMARY KEY,
    scope TEXT NOT NULL,
    body  TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE alert_subjects (
    target    TEXT    NOT NULL,
    subject   TEXT    NOT NULL,
    raised_ms INTEGER NOT NULL,
    PRIMARY KEY (target, subject)
  ) WITHOUT ROWID;
  CREATE TABLE alert_outbox (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    target     TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    created_ms INTEGER NOT NULL,
    due_ms     INTEGER NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    error      TEXT,
    sent_ms    INTEGER,
    via        INTEGER
  );
  CREATE INDEX alert_outbox_waiting ON alert_outbox (due_ms) WHERE sent_ms IS NULL;
  CREATE INDEX alert_outbox_sent ON alert_outbox (sent_ms) WHERE sent_ms IS NOT NULL;
  CREATE TABLE alert_counts (
    target       TEXT    PRIMARY KEY,
    sent         INTEGER NOT NULL,
    failed       INTEGER NOT NULL,
    last_sent_ms INTEGER,
    last_error   TEXT
  ) WITHOUT ROWID;
  CREATE TABLE alert_sender (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    node     TEXT    NOT NULL,
    until_ms INTEGER NOT NULL
  );
  CREATE TABLE feeds (
    source  TEXT    PRIMARY KEY,
    last_ms INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE feed_gaps (
    source     TEXT    NOT NULL,
    week       INTEGER NOT NULL,
    hour       INTEGER NOT NULL,
    longest_ms INTEGER NOT NULL,
    PRIMARY KEY (source, week, hour)
  ) WITHOUT ROWID;
  CREATE TABLE type_volume (
    day        TEXT    NOT NULL,
    county     TEXT    NOT NULL,
    bucket     INTEGER NOT NULL,
    fraud_type TEXT    NOT NULL,
    value      INTEGER NOT NULL,
    PRIMARY KEY (day, bucket, county, fraud_type)
  ) WITHOUT ROWID;
  INSERT INTO type_volume (day, county, bucket, fraud_type, value)
  SELECT day, county, bucket, fraud_type, count(*) FROM warnings WHERE day >= date('now', '-70 days') GROUP BY day, county, bucket, fraud_type;
  CREATE TABLE surge_episodes (
    day        TEXT    NOT NULL,
    scope      TEXT    NOT NULL,
    fraud_type TEXT    NOT NULL,
    since_ms   INTEGER NOT NULL,
    peak       INTEGER NOT NULL,
    baseline   REAL    NOT NULL,
    last_ms    INTEGER NOT NULL,
    PRIMARY KEY (day, scope, fraud_type)
  ) WITHOUT ROWID;
  `,
  /* 16: calls counted by channel (issue 27), recounted from the calls already stored */ `
  CREATE TEMP TABLE channel_counts AS
  SELECT day, ${COUNTED_COUNTY_SQL} AS county, 'channel.' || coalesce(json_extract(body, '$.channel'), 'unknown') || '.' || json_extract(body, '$.result') AS metric, count(*) AS value
  FROM events WHERE type = 'contact' GROUP BY 1, 2, 3;
  INSERT INTO rollups (day, county, metric, value) SELECT day, county, metric, value FROM channel_counts WHERE true
  ON CONFLICT (day, county, metric) DO UPDATE SET value = value + excluded.value;
  INSERT INTO rollups_monthly (month, county, metric, value) SELECT substr(day, 1, 7), county, metric, sum(value) FROM channel_counts GROUP BY 1, 2, 3
  ON CONFLICT (month, county, metric) DO UPDATE SET value = value + excluded.value;
  DROP TABLE channel_counts;
  `,
  /* 17: the community grid at the door (警格+网格, issue 27), and when each face-to-face step came:
         the station's recovered from the stored steps; resolved escalations by when, for the stations' figures */ `
  ALTER TABLE escalations ADD COLUMN grid TEXT;
  ALTER TABLE escalations ADD COLUMN station_ms INTEGER;
  ALTER TABLE escalations ADD COLUMN grid_ms INTEGER;
  UPDATE escalations SET station_ms = CASE WHEN stage = 'station' THEN stage_ms ELSE (
    SELECT min(ev.at_ms) FROM events ev
    WHERE ev.warning_id = escalations.warning_id AND ev.type = 'escalation' AND json_extract(ev.body, '$.step') = 'station'
      AND ev.at_ms BETWEEN escalations.opened_ms AND escalations.stage_ms
      -- a step accepted after the report back changed nothing
      AND ev.seq < (SELECT min(r.seq) FROM events r WHERE r.warning_id = escalations.warning_id AND r.type = 'escalation'
                      AND json_extract(r.body, '$.step') = 'resolved' AND r.at_ms = escalations.stage_ms)) END
  WHERE stage IN ('station', 'resolved');
  CREATE INDEX escalations_resolved ON escalations (stage_ms) WHERE stage = 'resolved';
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new SchemaNewer(current, SCHEMA_VERSION);
  }
  db.transaction(() => {
    for (let version = current; version < SCHEMA_VERSION; version++) {
      db.exec(MIGRATIONS[version] ?? '');
      db.pragma(`user_version = ${version + 1}`);
    }
  })();
}
