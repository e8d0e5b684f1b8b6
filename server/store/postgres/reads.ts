// PostgreSQL's reads: the live wall's basis, statistics' sums, the console's list and the small
// lookups — each the same rows SQLite's statements return, so the same code turns them into
// answers. Text ordering is by code point (COLLATE "C"), as SQLite's is.
import type pg from 'pg';
import { isOpen, type OpenEscalation, type OpenEscalationRecord } from '../../../shared/aggregate/records';
import { maskEvent } from '../../../shared/format/mask-event';
import { countedEvent } from '../../../shared/schema/counted-event';
import { isFraudEvent, type StoredEvent } from '../../../shared/schema/claim-event';
import { addDays } from '../../../shared/time/zoned-calendar';
import type { OpenEscalationSource } from '../../operator/operator-view';
import { WARNING_TIMES_SQL } from '../sql/warning-times-sql';
import { escalationsSpanningSql, type PlaybackSource } from '../../playback/playback-source';
import { byWhoSql, stationMinutesSql, type ByWhoRow, type FaceToFaceSource, type StationMinutesRow } from '../../stats/face-to-face-query';
import { dayEventsSql, rollupSumsSql, type RollupSumsSource, type SumRow } from '../../stats/stats-query';

const COUNTY_IN = 'county = ANY($3::text[])';
import { readLetter, type DeadLetter } from '../../ingest/dead-letter';
import { toEscalation, toWarning, type EscalationRow, type WarningRow } from '../sql/projection-rows';
import type { CounterRow, VolumeRow } from '../../aggregate/rollup-batch';
import { RECENT_BASIS, type LiveBasis, type WarningTime } from '../../aggregate/live-basis';

type Queryable = pg.Pool | pg.PoolClient;

async function rows<T extends pg.QueryResultRow>(db: Queryable, sql: string, values: unknown[] = []): Promise<T[]> {
  return (await db.query<T>(sql, values)).rows;
}

/** Everything the live wall state is rebuilt from, read on `client` (inside one snapshot). */
export async function readBasis(client: pg.PoolClient, day: string): Promise<LiveBasis> {
  const yesterday = addDays(day, -1);
  const month = day.slice(0, 7);
  const counters = (d: string) => rows<CounterRow>(client, 'SELECT county, metric, value FROM rollups WHERE day = $1', [d]);
  const volume = (d: string) => rows<VolumeRow>(client, 'SELECT county, bucket, level, value FROM volume WHERE day = $1', [d]);
  // One connection, one snapshot: read in turn.
  const today = await counters(day);
  const before = await counters(yesterday);
  const year = await rows<CounterRow>(
    client,
    `SELECT county, metric, sum(value) AS value FROM (
       SELECT county, metric, value FROM rollups_monthly WHERE month >= $1 AND month < $2
       UNION ALL
       SELECT county, metric, value FROM rollups WHERE day BETWEEN $3 AND $4
     ) AS year GROUP BY county, metric`,
    [`${day.slice(0, 4)}-01`, month, `${month}-01`, day],
  );
  const volumeToday = await volume(day);
  const volumeYesterday = await volume(yesterday);
  const yesterdayWarnings = (await rows<WarningTime>(client, WARNING_TIMES_SQL('$1'), [yesterday])).map((row) => ({ county: row.county, at_ms: Number(row.at_ms) }));
  const open = await openWithWarnings(client, await rows<EscalationRow>(client, "SELECT * FROM escalations WHERE stage <> 'resolved'"));
  const recent = await rows<{ body: string }>(client, 'SELECT body FROM events ORDER BY seq DESC LIMIT $1', [RECENT_BASIS]);
  return {
    day,
    today,
    yesterday: before,
    year,
    volumeToday,
    volumeYesterday,
    yesterdayWarnings,
    open,
    recent: recent.map((row) => JSON.parse(row.body) as StoredEvent).filter(isFraudEvent).map((event) => maskEvent(countedEvent(event))),
  };
}

async function openWithWarnings(db: Queryable, escalations: readonly EscalationRow[]): Promise<OpenEscalation[]> {
  const open = escalations.map(toEscalation).filter(isOpen);
  const warnings = await rows<WarningRow>(db, 'SELECT * FROM warnings WHERE id = ANY($1::text[])', [open.map((e) => e.warningId)]);
  const byId = new Map(warnings.map((row) => [row.id, toWarning(row)]));
  return open.map((escalation) => {
    const warning = byId.get(escalation.warningId);
    return { escalation, ...(warning ? { warning } : {}) };
  });
}

export class PgReads implements RollupSumsSource, OpenEscalationSource, FaceToFaceSource, PlaybackSource {
  constructor(private readonly pool: pg.Pool) {}

  async escalationsSpanning(atMs: number, limit: number): Promise<string[]> {
    return (await rows<{ warning_id: string }>(this.pool, escalationsSpanningSql('$1', '$2'), [atMs, limit])).map((row) => row.warning_id);
  }

  byWho(fromMs: number, toMs: number, counties: readonly string[]): Promise<ByWhoRow[]> {
    return rows<ByWhoRow>(this.pool, byWhoSql('$1', '$2', COUNTY_IN), [fromMs, toMs, counties]);
  }

  stationMinutes(fromMs: number, toMs: number, counties: readonly string[]): Promise<StationMinutesRow[]> {
    return rows<StationMinutesRow>(this.pool, stationMinutesSql('$1', '$2', COUNTY_IN), [fromMs, toMs, counties]);
  }

  sums(table: 'daily' | 'monthly', group: 'county' | 'day' | 'month', from: string, to: string, counties: readonly string[]): Promise<SumRow[]> {
    return rows<SumRow>(this.pool, rollupSumsSql(table, group, '$1', '$2', COUNTY_IN), [from, to, counties]);
  }

  async dayEvents(dayBefore: string, day: string, beforeMs: number): Promise<string[]> {
    return (await rows<{ body: string }>(this.pool, dayEventsSql('$1', '$2', '$3'), [dayBefore, day, beforeMs])).map((row) => row.body);
  }

  async oldestOpenEscalations(limit: number, within: readonly string[] | null): Promise<OpenEscalation[]> {
    const open = await rows<EscalationRow>(
      this.pool,
      `SELECT * FROM escalations WHERE stage <> 'resolved' AND ($2::text[] IS NULL OR county = ANY($2::text[]))
       ORDER BY opened_ms, warning_id COLLATE "C" LIMIT $1`,
      [limit, within],
    );
    return openWithWarnings(this.pool, open);
  }

  async historiesOf(warningIds: readonly string[], limit: number): Promise<Map<string, StoredEvent[]>> {
    const found = await rows<{ warning: string; body: string }>(
      this.pool,
      `SELECT k.warning, h.body FROM unnest($1::text[]) AS k(warning)
       CROSS JOIN LATERAL (
         SELECT body, at_ms, seq FROM events WHERE id = k.warning OR warning_id = k.warning ORDER BY at_ms DESC, seq DESC LIMIT $2
       ) AS h
       ORDER BY k.warning, h.at_ms, h.seq`,
      [warningIds, limit],
    );
    const histories = new Map<string, StoredEvent[]>(warningIds.map((id) => [id, []]));
    for (const row of found) histories.get(row.warning)?.push(JSON.parse(row.body) as StoredEvent);
    return histories;
  }

  async displayNames(usernames: readonly string[]): Promise<Map<string, string>> {
    const found = await rows<{ username: string; display_name: string }>(
      this.pool,
      'SELECT username, display_name FROM accounts WHERE username = ANY($1::text[]) AND display_name IS NOT NULL',
      [usernames],
    );
    return new Map(found.map((row) => [row.username, row.display_name]));
  }

  async openEscalationRecords(): Promise<OpenEscalationRecord[]> {
    return (await rows<EscalationRow>(this.pool, "SELECT * FROM escalations WHERE stage <> 'resolved'")).map(toEscalation).filter(isOpen);
  }

  async hasEvents(): Promise<boolean> {
    return (await rows(this.pool, 'SELECT 1 FROM events LIMIT 1')).length > 0;
  }

  async stations(county: string, limit: number): Promise<string[]> {
    const found = await rows<{ station: string }>(
      this.pool,
      'SELECT station FROM stations WHERE county = $1 ORDER BY uses DESC, station COLLATE "C" LIMIT $2',
      [county, limit],
    );
    return found.map((row) => row.station);
  }

  async newestDeadLetters(limit: number, within: readonly string[] | null): Promise<DeadLetter[]> {
    const found = await rows<{ received_ms: number; idx: number; event_id: string | null; errors: string; event: string }>(
      this.pool,
      `SELECT received_ms, idx, event_id, errors, event FROM rejected
       WHERE $2::text[] IS NULL OR county = ANY($2::text[]) ORDER BY seq DESC LIMIT $1`,
      [limit, within],
    );
    return found.map(readLetter);
  }

  async metaGet(key: string): Promise<string | undefined> {
    return (await rows<{ value: string }>(this.pool, 'SELECT value FROM meta WHERE key = $1', [key]))[0]?.value;
  }

  async metaSet(key: string, value: string): Promise<void> {
    await this.pool.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  async databaseBytes(): Promise<number> {
    return (await rows<{ bytes: number }>(this.pool, 'SELECT pg_database_size(current_database()) AS bytes'))[0]?.bytes ?? 0;
  }
}
