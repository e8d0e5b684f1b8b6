// The integrity check behind `npm run verify`: replay every stored event, in the order it was
// accepted, through the same pure projection into fresh counters, and compare them with the
// rollups the store kept incrementally. Any difference means counts were lost or doubled.
import type { Database } from 'better-sqlite3';
import { followingContext, project } from '../../shared/aggregate/project';
import type { ProjectionContext } from '../../shared/aggregate/records';
import type { FraudEvent } from '../../shared/schema/events';
import type { ZonedCalendar } from '../../shared/time/zoned-calendar';
import { warningIdOf } from './event-store';
import { countedEvent } from '../../shared/region/legacy-codes';

export interface IntegrityReport {
  readonly events: number;
  /** `table key: stored ≠ recounted`, at most a few hundred. */
  readonly differences: string[];
}

const MAX_REPORTED = 200;

/** Reads the whole event log, in the order it was accepted: for this offline check only, never a request. */
export function verifyRollups(db: Database, calendar: ZonedCalendar): IntegrityReport {
  const expected = { rollups: new Map<string, number>(), rollups_monthly: new Map<string, number>(), volume: new Map<string, number>() };
  const add = (map: Map<string, number>, key: string, delta: number) => map.set(key, (map.get(key) ?? 0) + delta);
  const contexts = new Map<string, ProjectionContext>();
  let events = 0;

  for (const row of db.prepare<[], { body: string }>('SELECT body FROM events ORDER BY seq').iterate()) {
    // Counted as ingest counted it: under today's county code.
    const event = countedEvent(JSON.parse(row.body) as FraudEvent);
    events++;
    const warningId = warningIdOf(event);
    const context = (warningId === undefined ? undefined : contexts.get(warningId)) ?? {};
    const p = project(event, context, calendar);
    if (warningId !== undefined) contexts.set(warningId, followingContext(context, event, p));
    for (const c of p.counters) {
      add(expected.rollups, `${c.day}|${c.county}|${c.metric}`, c.delta);
      add(expected.rollups_monthly, `${c.day.slice(0, 7)}|${c.county}|${c.metric}`, c.delta);
    }
    for (const v of p.volume) add(expected.volume, `${v.day}|${v.county}|${v.bucket}|${v.level}`, v.delta);
  }

  const stored = {
    rollups: rows(db, "SELECT day || '|' || county || '|' || metric AS key, value FROM rollups"),
    rollups_monthly: rows(db, "SELECT month || '|' || county || '|' || metric AS key, value FROM rollups_monthly"),
    volume: rows(db, "SELECT day || '|' || county || '|' || bucket || '|' || level AS key, value FROM volume"),
  };
  const differences: string[] = [];
  for (const table of ['rollups', 'rollups_monthly', 'volume'] as const) {
    for (const key of new Set([...expected[table].keys(), ...stored[table].keys()])) {
      const want = expected[table].get(key) ?? 0;
      const have = stored[table].get(key) ?? 0;
      if (want !== have && differences.length < MAX_REPORTED) differences.push(`${table} ${key}: stored ${have} ≠ recounted ${want}`);
    }
  }
  return { events, differences };
}

function rows(db: Database, sql: string): Map<string, number> {
  return new Map(db.prepare<[], { key: string; value: number }>(sql).all().map((r) => [r.key, r.value]));
}
