// PostgreSQL's schema, versioned in schema_version: each entry upgrades from the version before.
// Append new migrations; never edit one that has shipped. Version 1 is where SQLite's seven
// migrations (../migrations.ts) arrived, plus what several nodes need: the change feed they all
// follow and the failed-authentication windows they share. Nodes starting together on an empty
// database queue on an advisory lock, so exactly one of them migrates.
import type pg from 'pg';
import { SchemaNewer } from '../../upgrade/schema-newer';
import { COUNTED_COUNTY_SQL } from '../sql/counted-county-sql';
import { lockedTransaction, LOCKS } from './transaction';

const MIGRATIONS: readonly string[] = [
  /* 1 */ `
  CREATE TABLE events (
    seq         bigserial PRIMARY KEY,
    id          text   NOT NULL UNIQUE,
    type        text   NOT NULL,
    at_ms       bigint NOT NULL,
    day         text   NOT NULL,
    county      text   NOT NULL,
    warning_id  text,
    body        text   NOT NULL,
    received_ms bigint NOT NULL
  );
  CREATE INDEX events_by_warning ON events (warning_id, at_ms) WHERE warning_id IS NOT NULL;

  CREATE TABLE warnings (
    id         text    PRIMARY KEY,
    county     text    NOT NULL,
    day        text    NOT NULL,
    bucket     integer NOT NULL,
    at_ms      bigint  NOT NULL,
    level      text    NOT NULL,
    source     text    NOT NULL,
    fraud_type text    NOT NULL,
    phone      text    NOT NULL,
    name       text
  );

  CREATE TABLE escalations (
    warning_id text    NOT NULL,
    n          integer NOT NULL,
    county     text    NOT NULL,
    opened_ms  bigint  NOT NULL,
    stage      text    NOT NULL,
    stage_ms   bigint  NOT NULL,
    station    text,
    outcome    text,
    PRIMARY KEY (warning_id, n)
  );
  CREATE INDEX escalations_open ON escalations (opened_ms, warning_id) WHERE stage <> 'resolved';

  CREATE TABLE rollups (
    day    text   NOT NULL,
    county text   NOT NULL,
    metric text   NOT NULL,
    value  bigint NOT NULL,
    PRIMARY KEY (day, county, metric)
  );

  CREATE TABLE rollups_monthly (
    month  text   NOT NULL,
    county text   NOT NULL,
    metric text   NOT NULL,
    value  bigint NOT NULL,
    PRIMARY KEY (month, county, metric)
  );
  CREATE INDEX rollups_monthly_by_county ON rollups_monthly (county, metric, month) INCLUDE (value);

  CREATE TABLE volume (
    day    text    NOT NULL,
    county text    NOT NULL,
    bucket integer NOT NULL,
    level  text    NOT NULL,
    value  bigint  NOT NULL,
    PRIMARY KEY (day, county, bucket, level)
  );

  CREATE TABLE rejected (
    seq           bigserial PRIMARY KEY,
    received_ms   bigint  NOT NULL,
    idx           integer NOT NULL,
    event_id      text,
    county        text,
    errors        text    NOT NULL,
    event         text    NOT NULL,
    bytes         bigint  NOT NULL,
    bytes_through bigint  NOT NULL
  );
  CREATE INDEX rejected_by_bytes ON rejected (bytes_through);
  CREATE INDEX rejected_by_county ON rejected (county, seq);

  CREATE TABLE meta (
    key   text PRIMARY KEY,
    value text NOT NULL
  );

  CREATE TABLE stations (
    county  text    NOT NULL,
    station text    NOT NULL,
    uses    integer NOT NULL,
    PRIMARY KEY (county, station)
  );

  CREATE TABLE money_total (
    id    integer PRIMARY KEY CHECK (id = 1),
    value bigint  NOT NULL
  );

  -- Each committed batch's change to the walls, in the transaction that stored the batch: every
  -- node follows it in transaction-id order below the oldest transaction still running.
  CREATE TABLE changes (
    xid        xid8        NOT NULL DEFAULT pg_current_xact_id(),
    pos        bigserial   NOT NULL,
    -- The database's clock, not a node's (a demo's or a test's clock may run elsewhere).
    written_at timestamptz NOT NULL DEFAULT now(),
    change     text        NOT NULL,
    PRIMARY KEY (xid, pos)
  );
  CREATE INDEX changes_by_age ON changes (written_at);

  -- Failed authentications per address, shared by every node.
  CREATE TABLE auth_failures (
    address  text    PRIMARY KEY,
    first_ms bigint  NOT NULL,
    failures integer NOT NULL
  );
  CREATE INDEX auth_failures_by_age ON auth_failures (first_ms);
  `,
  /* 2: accounts — a person or a device each, with a role and a scope — and their sessions (issue 14) */ `
  CREATE TABLE accounts (
    username      text    PRIMARY KEY,
    role          text    NOT NULL,
    scope         text    NOT NULL,
    password_hash text    NOT NULL,
    disabled      boolean NOT NULL DEFAULT false,
    created_ms    bigint  NOT NULL,
    updated_ms    bigint  NOT NULL,
    failed_signins  integer NOT NULL DEFAULT 0,
    locked_until_ms bigint  NOT NULL DEFAULT 0
  );

  -- Signed-in sessions, shared by every node: the id only as its SHA-256.
  CREATE TABLE sessions (
    id_hash    text   PRIMARY KEY,
    username   text   NOT NULL,
    csrf       text   NOT NULL,
    created_ms bigint NOT NULL,
    seen_ms    bigint NOT NULL
  );
  CREATE INDEX sessions_by_username ON sessions (username);

  -- The audit trail: appended only (by one node at a time), each record chained to the one before by its hash.
  CREATE TABLE audit (
    seq       bigserial PRIMARY KEY,
    at_ms     bigint NOT NULL,
    actor     text   NOT NULL,
    role      text   NOT NULL,
    scope     text   NOT NULL,
    action    text   NOT NULL,
    object    text   NOT NULL,
    result    text   NOT NULL,
    address   text   NOT NULL,
    prev_hash text   NOT NULL,
    hash      text   NOT NULL
  );
  CREATE INDEX audit_by_time ON audit (at_ms);
  `,
  /* 3: a device's token (walls, kiosks), only as its SHA-256 */ `
  ALTER TABLE accounts ADD COLUMN token_hash text;
  CREATE UNIQUE INDEX accounts_by_token ON accounts (token_hash) WHERE token_hash IS NOT NULL;
  `,
  /* 4: failed sign-ins per (name, address), which replace the account's own lockout (issue 22);
        accounts.failed_signins and accounts.locked_until_ms are no longer used */ `
  CREATE TABLE sign_in_failures (
    username        text    NOT NULL,
    address         text    NOT NULL,
    recent_ms       text    NOT NULL,
    locked_until_ms bigint  NOT NULL,
    locks           integer NOT NULL,
    last_failure_ms bigint  NOT NULL,
    PRIMARY KEY (username, address)
  );
  CREATE INDEX sign_in_failures_by_age ON sign_in_failures (last_failure_ms);
  `,
  /* 5: which person at the identity provider (issuer, subject) each single sign-on account belongs to (issue 22) */ `
  CREATE TABLE sso_bindings (
    username text NOT NULL PRIMARY KEY,
    issuer   text NOT NULL,
    subject  text NOT NULL,
    UNIQUE (issuer, subject)
  );
  `,
  /* 6: a day's events in the order they were accepted: last year's day cut at this time of day,
        and yesterday's warnings up to this time (issue 23) */ `
  CREATE INDEX events_by_day ON events (day, seq);
  `,
  /* 7: hands for the room (issue 25) — who is on each escalation, the name a person is shown
        by, the scene each scope's walls are in and the playlist they follow */ `
  ALTER TABLE escalations ADD COLUMN holder text;
  ALTER TABLE accounts ADD COLUMN display_name text;
  CREATE TABLE wall_scenes (
    scope    text   PRIMARY KEY,
    body     text   NOT NULL,
    until_ms bigint NOT NULL
  );
  CREATE TABLE wall_playlists (
    scope text PRIMARY KEY,
    body  text NOT NULL
  );
  `,
  /* 8: reach the duty chief (issue 26) — where alarms go, each subject's last raising (so a
        repeat waits its minutes on every node), the outbox nothing leaves until a service took
        it, each target's running counts, and which node sends; each feed's last arrival and its
        longest silences by hour of the week; each 10 minutes' warnings by county and fraud type (the
        surges' counts), the last ten weeks' filled in from the warnings kept */ `
  CREATE TABLE alert_targets (
    name  text PRIMARY KEY,
    scope text NOT NULL,
    body  text NOT NULL
  );
  CREATE TABLE alert_subjects (
    target    text    NOT NULL,
    subject   text    NOT NULL,
    raised_ms bigint NOT NULL,
    PRIMARY KEY (target, subject)
  );
  CREATE TABLE alert_outbox (
    id         bigserial PRIMARY KEY,
    target     text    NOT NULL,
    subject    text    NOT NULL,
    body       text    NOT NULL,
    created_ms bigint NOT NULL,
    due_ms     bigint NOT NULL,
    attempts   integer NOT NULL DEFAULT 0,
    error      text,
    sent_ms    bigint,
    via        bigint
  );
  CREATE INDEX alert_outbox_waiting ON alert_outbox (due_ms) WHERE sent_ms IS NULL;
  CREATE INDEX alert_outbox_sent ON alert_outbox (sent_ms) WHERE sent_ms IS NOT NULL;
  CREATE TABLE alert_counts (
    target       text    PRIMARY KEY,
    sent         bigint NOT NULL,
    failed       bigint NOT NULL,
    last_sent_ms bigint,
    last_error   text
  );
  CREATE TABLE alert_sender (
    id       integer PRIMARY KEY CHECK (id = 1),
    node     text    NOT NULL,
    until_ms bigint NOT NULL
  );
  CREATE TABLE feeds (
    source  text    PRIMARY KEY,
    last_ms bigint NOT NULL
  );
  CREATE TABLE feed_gaps (
    source     text    NOT NULL,
    week       integer NOT NULL,
    hour       integer NOT NULL,
    longest_ms bigint NOT NULL,
    PRIMARY KEY (source, week, hour)
  );
  CREATE TABLE type_volume (
    day        text    NOT NULL,
    county     text    NOT NULL,
    bucket     integer NOT NULL,
    fraud_type text    NOT NULL,
    value      bigint NOT NULL,
    PRIMARY KEY (day, bucket, county, fraud_type)
  );
  INSERT INTO type_volume (day, county, bucket, fraud_type, value)
  SELECT day, county, bucket, fraud_type, count(*) FROM warnings WHERE day >= to_char(now() - interval '70 days', 'YYYY-MM-DD') GROUP BY day, county, bucket, fraud_type;
  CREATE TABLE surge_episodes (
    day        text    NOT NULL,
    scope      text    NOT NULL,
    fraud_type text    NOT NULL,
    since_ms   bigint NOT NULL,
    peak       integer NOT NULL,
    baseline   double precision    NOT NULL,
    last_ms    bigint NOT NULL,
    PRIMARY KEY (day, scope, fraud_type)
  );
  `,
  /* 9: calls counted by channel (issue 27), recounted from the calls already stored */ `
  CREATE TEMP TABLE channel_counts ON COMMIT DROP AS
  SELECT day, ${COUNTED_COUNTY_SQL} AS county, 'channel.' || coalesce(body::jsonb ->> 'channel', 'unknown') || '.' || (body::jsonb ->> 'result') AS metric, count(*) AS value
  FROM events WHERE type = 'contact' GROUP BY 1, 2, 3;
  INSERT INTO rollups (day, county, metric, value) SELECT day, county, metric, value FROM channel_counts
  ON CONFLICT (day, county, metric) DO UPDATE SET value = rollups.value + excluded.value;
  INSERT INTO rollups_monthly (month, county, metric, value) SELECT substr(day, 1, 7), county, metric, sum(value) FROM channel_counts GROUP BY 1, 2, 3
  ON CONFLICT (month, county, metric) DO UPDATE SET value = rollups_monthly.value + excluded.value;
  `,
  /* 10: the community grid at the door (警格+网格, issue 27), and when each face-to-face step came:
         the station's recovered from the stored steps; resolved escalations by when, for the stations' figures */ `
  ALTER TABLE escalations ADD COLUMN grid text, ADD COLUMN station_ms bigint, ADD COLUMN grid_ms bigint;
  UPDATE escalations e SET station_ms = CASE WHEN e.stage = 'station' THEN e.stage_ms ELSE (
    SELECT min(ev.at_ms) FROM events ev
    WHERE ev.warning_id = e.warning_id AND ev.type = 'escalation' AND ev.body::jsonb ->> 'step' = 'station'
      AND ev.at_ms BETWEEN e.opened_ms AND e.stage_ms
      -- a step accepted after the report back changed nothing
      AND ev.seq < (SELECT min(r.seq) FROM events r WHERE r.warning_id = e.warning_id AND r.type = 'escalation'
                      AND r.body::jsonb ->> 'step' = 'resolved' AND r.at_ms = e.stage_ms)) END
  WHERE e.stage IN ('station', 'resolved');
  CREATE INDEX escalations_resolved ON escalations (stage_ms) WHERE stage = 'resolved';
  `,
];

export const PG_SCHEMA_VERSION = MIGRATIONS.length;

export async function migrate(pool: pg.Pool): Promise<void> {
  await lockedTransaction(pool, LOCKS.migration, async (client) => {
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
    const current = rows[0]?.version ?? 0;
    if (current > PG_SCHEMA_VERSION) {
      throw new SchemaNewer(current, PG_SCHEMA_VERSION);
    }
    for (let version = current; version < PG_SCHEMA_VERSION; version++) await client.query(MIGRATIONS[version] ?? '');
    if (rows.length === 0) await client.query('INSERT INTO schema_version (version) VALUES ($1)', [PG_SCHEMA_VERSION]);
    else await client.query('UPDATE schema_version SET version = $1', [PG_SCHEMA_VERSION]);
  });
}
