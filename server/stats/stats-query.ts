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

export class StatsQuery {
  readonly #dailyBy;
  readonly #monthlyBy;

  constructor(db: Database) {
    const sql = (table: string, key: string, group: string) =>
      `SELECT ${group} AS "group", metric, sum(value) AS value FROM ${table}
       WHERE ${key} BETWEEN ? AND ? AND county IN (SELECT value FROM json_each(?)) GROUP BY 1, metric`;
    this.#dailyBy = {
      county: db.prepare<[string, string, string], Row>(sql('rollups', 'day', 'county')),
      day: db.prepare<[string, string, string], Row>(sql('rollups', 'day', 'day')),
      month: db.prepare<[string, string, string], Row>(sql('rollups', 'day', 'substr(day, 1, 7)')),
    };
    this.#monthlyBy = {
      county: db.prepare<[string, string, string], Row>(sql('rollups_monthly', 'month', 'county')),
      month: db.prepare<[string, string, string], Row>(sql('rollups_monthly', 'month', 'month')),
    };
  }

  byCounty(from: string, to: string, counties: readonly string[]): SumsByGroup {
    return this.#split(from, to, 'county', JSON.stringify(counties));
  }

  byBucket(from: string, to: string, groupBy: 'day' | 'month', counties: readonly string[]): SumsByGroup {
    const within = JSON.stringify(counties);
    return groupBy === 'day' ? group(this.#dailyBy.day.all(from, to, within)) : this.#split(from, to, 'month', within);
  }

  #split(from: string, to: string, by: 'county' | 'month', within: string): SumsByGroup {
    const parts = splitRange(from, to);
    const rows = parts.days.flatMap(([a, b]) => this.#dailyBy[by].all(a, b, within));
    if (parts.months) rows.push(...this.#monthlyBy[by].all(...parts.months, within));
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
