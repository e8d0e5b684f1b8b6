// Period sums straight from the rollups, grouped in SQL. Whole months are read from the
// monthly rollups and only the partial months at the ends of a range from the daily ones, so a
// year costs a few thousand rows whatever the volume. Every read counts only the counties it is
// given (a scope's), passed as one JSON array.
import type { Database } from 'better-sqlite3';
import { addDays, eachMonth } from '../../shared/time/zoned-calendar';

interface Row {
  group: string;
  metric: string;
  value: number;
}

export type SumsByGroup = Map<string, Map<string, number>>;

/** A range cut into the days before the first whole month, the whole months, and the days after. */
interface RangeParts {
  days: [string, string][];
  months?: [string, string];
}

export function splitRange(from: string, to: string): RangeParts {
  const whole = eachMonth(from, to).filter((month) => `${month}-01` >= from && lastDayOf(month) <= to);
  if (whole.length === 0) return { days: [[from, to]] };
  const first = whole[0]!;
  const last = whole[whole.length - 1]!;
  const days: [string, string][] = [];
  if (from < `${first}-01`) days.push([from, addDays(`${first}-01`, -1)]);
  if (to > lastDayOf(last)) days.push([addDays(lastDayOf(last), 1), to]);
  return { days, months: [first, last] };
}

function lastDayOf(month: string): string {
  const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return addDays(m === 12 ? `${year + 1}-01-01` : `${month.slice(0, 4)}-${String(m + 1).padStart(2, '0')}-01`, -1);
}

interface CountyMonthRow {
  county: string;
  month: string;
  metric: string;
  value: number;
}

/** A range's sums per county and per bucket (day or month). */
export interface RangeSums {
  readonly byCounty: SumsByGroup;
  readonly byBucket: SumsByGroup;
}

export class StatsQuery {
  readonly #dailyBy;
  readonly #monthlyBy;
  readonly #countyMonth;

  constructor(db: Database) {
    const sql = (table: string, key: string, group: string) =>
      `SELECT ${group} AS "group", metric, sum(value) AS value FROM ${table}
       WHERE ${key} BETWEEN ? AND ? AND county IN (SELECT value FROM json_each(?)) GROUP BY 1, metric`;
    this.#dailyBy = {
      county: db.prepare<[string, string, string], Row>(sql('rollups', 'day', 'county')),
      day: db.prepare<[string, string, string], Row>(sql('rollups', 'day', 'day')),
    };
    this.#monthlyBy = {
      county: db.prepare<[string, string, string], Row>(sql('rollups_monthly', 'month', 'county')),
    };
    // Per county and month at once: a year by month reads its rows once, not once per grouping.
    const within = 'county IN (SELECT value FROM json_each(?))';
    this.#countyMonth = {
      daily: db.prepare<[string, string, string], CountyMonthRow>(
        `SELECT county, substr(day, 1, 7) AS month, metric, sum(value) AS value FROM rollups
         WHERE day BETWEEN ? AND ? AND ${within} GROUP BY county, month, metric`,
      ),
      monthly: db.prepare<[string, string, string], CountyMonthRow>(
        `SELECT county, month, metric, value FROM rollups_monthly WHERE month BETWEEN ? AND ? AND ${within}`,
      ),
    };
  }

  /** Sums per county and per bucket; by month, both from one read of the rows. */
  byCountyAndBucket(from: string, to: string, groupBy: 'day' | 'month', counties: readonly string[]): RangeSums {
    if (groupBy === 'day') return { byCounty: this.byCounty(from, to, counties), byBucket: group(this.#dailyBy.day.all(from, to, JSON.stringify(counties))) };
    const within = JSON.stringify(counties);
    const parts = splitRange(from, to);
    const rows = parts.days.flatMap(([a, b]) => this.#countyMonth.daily.all(a, b, within));
    if (parts.months) rows.push(...this.#countyMonth.monthly.all(...parts.months, within));
    return {
      byCounty: group(rows.map(({ county, metric, value }) => ({ group: county, metric, value }))),
      byBucket: group(rows.map(({ month, metric, value }) => ({ group: month, metric, value }))),
    };
  }

  byCounty(from: string, to: string, counties: readonly string[]): SumsByGroup {
    const within = JSON.stringify(counties);
    const parts = splitRange(from, to);
    const rows = parts.days.flatMap(([a, b]) => this.#dailyBy.county.all(a, b, within));
    if (parts.months) rows.push(...this.#monthlyBy.county.all(...parts.months, within));
    return group(rows);
  }
}

function group(rows: readonly Row[]): SumsByGroup {
  const groups: SumsByGroup = new Map();
  for (const row of rows) {
    let sums = groups.get(row.group);
    if (!sums) groups.set(row.group, (sums = new Map()));
    sums.set(row.metric, (sums.get(row.metric) ?? 0) + row.value);
  }
  return groups;
}

/** Adds several groups' sums into one. */
export function mergeSums(groups: Iterable<ReadonlyMap<string, number>>): Map<string, number> {
  const total = new Map<string, number>();
  for (const sums of groups) for (const [metric, value] of sums) total.set(metric, (total.get(metric) ?? 0) + value);
  return total;
}
