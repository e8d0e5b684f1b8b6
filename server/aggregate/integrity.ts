// The integrity check behind `npm run verify`: replay every stored event, in the order it was
// accepted, through the same pure projection into fresh counters, and compare them with the
// rollups the store kept incrementally. Any difference means counts were lost or doubled.
import type { ZonedCalendar } from '../../shared/time/zoned-calendar';
import { EventReplay } from './event-replay';

export interface IntegrityReport {
  readonly events: number;
  /** `table key: stored ≠ recounted`, at most a few hundred. */
  readonly differences: string[];
}

const MAX_REPORTED = 200;

/** What the check reads from an engine: the log in acceptance order, and the rollups as kept. */
export interface StoredRollups {
  /** Every stored event's body, in the order it was accepted. */
  bodies(): Iterable<string> | AsyncIterable<string>;
  /** `key → value` rows of one rollup table, read with ROLLUP_KEYS' SQL (valid in both engines). */
  rows(sql: string): Map<string, number> | Promise<Map<string, number>>;
}

export const ROLLUP_KEYS = {
  rollups: "SELECT day || '|' || county || '|' || metric AS key, value FROM rollups",
  rollups_monthly: "SELECT month || '|' || county || '|' || metric AS key, value FROM rollups_monthly",
  volume: "SELECT day || '|' || county || '|' || bucket || '|' || level AS key, value FROM volume",
} as const;

/** Reads the whole event log, in the order it was accepted: for this offline check only, never a request. */
export async function verifyRollups(source: StoredRollups, calendar: ZonedCalendar): Promise<IntegrityReport> {
  const expected = { rollups: new Map<string, number>(), rollups_monthly: new Map<string, number>(), volume: new Map<string, number>() };
  const add = (map: Map<string, number>, key: string, delta: number) => map.set(key, (map.get(key) ?? 0) + delta);
  const replay = new EventReplay(calendar);
  let events = 0;

  for await (const body of source.bodies()) {
    events++;
    const p = replay.project(body);
    for (const c of p.counters) {
      add(expected.rollups, `${c.day}|${c.county}|${c.metric}`, c.delta);
      add(expected.rollups_monthly, `${c.day.slice(0, 7)}|${c.county}|${c.metric}`, c.delta);
    }
    for (const v of p.volume) add(expected.volume, `${v.day}|${v.county}|${v.bucket}|${v.level}`, v.delta);
  }

  const stored = {
    rollups: await source.rows(ROLLUP_KEYS.rollups),
    rollups_monthly: await source.rows(ROLLUP_KEYS.rollups_monthly),
    volume: await source.rows(ROLLUP_KEYS.volume),
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
