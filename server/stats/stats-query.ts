// Period sums straight from the rollups, grouped in SQL. Whole months are read from the
// monthly rollups and only the partial months at the ends of a range from the daily ones, so a
// year costs a few thousand rows whatever the volume. Every read counts only the counties it is
// given (a scope's).
import { addDays, eachMonth, type ZonedCalendar } from '../../shared/time/zoned-calendar';
import { countsUntil } from './cut-day';

export interface SumRow {
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

/** Rows of rollup sums for one range, grouped in SQL, and a day's events: what each engine answers. */
export interface RollupSumsSource {
  /** `table`: the daily rollups (a range of days) or the monthly ones (a range of months). */
  sums(table: 'daily' | 'monthly', group: 'county' | 'day' | 'month', from: string, to: string, counties: readonly string[]): SumRow[] | Promise<SumRow[]>;
  /** The bodies of the events of two days that happened before `beforeMs`, in the order they were accepted (DAY_EVENTS_SQL). */
  dayEvents(dayBefore: string, day: string, beforeMs: number): string[] | Promise<string[]>;
}

/** Two days' events by the events_by_day index: never a scan of the log. */
export function dayEventsSql(dayBefore: string, day: string, beforeMs: string): string {
  return `SELECT body FROM events WHERE day IN (${dayBefore}, ${day}) AND at_ms < ${beforeMs} ORDER BY seq`;
}

/**
 * The statement either engine runs for one grouping of one table: `from`, `to` and
 * `countyIn` are the engine's placeholders and its way to say "county is in the list".
 */
export function rollupSumsSql(table: 'daily' | 'monthly', group: 'county' | 'day' | 'month', from: string, to: string, countyIn: string): string {
  const [name, range] = table === 'daily' ? ['rollups', 'day'] : ['rollups_monthly', 'month'];
  const grouped = group === 'month' && table === 'daily' ? 'substr(day, 1, 7)' : group;
  return `SELECT ${grouped} AS "group", metric, sum(value) AS value FROM ${name}
    WHERE ${range} BETWEEN ${from} AND ${to} AND ${countyIn} GROUP BY 1, metric`;
}

export class StatsQuery {
  /** The last day cut (stats for today ask for the same cut a minute long): the whole region's sums by county. */
  #cut: { key: string; sums: Promise<SumsByGroup> } | undefined;

  constructor(
    private readonly source: RollupSumsSource,
    private readonly calendar: ZonedCalendar,
  ) {}

  /** A day's sums by county as they stood at `cutMs` (a day a year ago, cut at this time of day: cut-day.ts). */
  async dayUntil(day: string, cutMs: number, counties: readonly string[]): Promise<SumsByGroup> {
    const key = `${day}|${cutMs}`;
    if (this.#cut?.key !== key) {
      const sums = (async () => countsUntil(await this.source.dayEvents(addDays(day, -1), day, cutMs), day, this.calendar))();
      this.#cut = { key, sums };
      sums.catch(() => (this.#cut = undefined));
    }
    const all = await this.#cut.sums;
    return new Map(counties.flatMap((county) => (all.has(county) ? [[county, all.get(county)!] as const] : [])));
  }

  async byCounty(from: string, to: string, counties: readonly string[]): Promise<SumsByGroup> {
    return this.#split(from, to, 'county', counties);
  }

  async byBucket(from: string, to: string, groupBy: 'day' | 'month', counties: readonly string[]): Promise<SumsByGroup> {
    return groupBy === 'day' ? group(await this.source.sums('daily', 'day', from, to, counties)) : this.#split(from, to, 'month', counties);
  }

  async #split(from: string, to: string, by: 'county' | 'month', counties: readonly string[]): Promise<SumsByGroup> {
    const parts = splitRange(from, to);
    const reads = parts.days.map(([a, b]) => this.source.sums('daily', by, a, b, counties));
    if (parts.months) reads.push(this.source.sums('monthly', by, ...parts.months, counties));
    return group((await Promise.all(reads)).flat());
  }
}

function group(rows: readonly SumRow[]): SumsByGroup {
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
