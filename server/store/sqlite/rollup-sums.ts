// SQLite's answer to the statistics' reads (stats-query.ts): rollup sums over a range, grouped
// in SQL, for the counties given as one JSON array; and a day's events, to cut it at a time of day.
import type { Database, Statement } from 'better-sqlite3';
import { dayEventsSql, rollupSumsSql, type RollupSumsSource, type SumRow } from '../../stats/stats-query';

type Table = 'daily' | 'monthly';
type Group = 'county' | 'day' | 'month';

const GROUPINGS: readonly [Table, Group][] = [
  ['daily', 'county'],
  ['daily', 'day'],
  ['daily', 'month'],
  ['monthly', 'county'],
  ['monthly', 'month'],
];

export class SqliteRollupSums implements RollupSumsSource {
  readonly #statements = new Map<string, Statement<[string, string, string], SumRow>>();
  readonly #dayEvents: Statement<[string, string, number], string>;

  constructor(db: Database) {
    this.#dayEvents = db.prepare<[string, string, number], string>(dayEventsSql('?', '?', '?')).pluck();
    for (const [table, group] of GROUPINGS) {
      this.#statements.set(`${table}/${group}`, db.prepare(rollupSumsSql(table, group, '?', '?', 'county IN (SELECT value FROM json_each(?))')));
    }
  }

  sums(table: Table, group: Group, from: string, to: string, counties: readonly string[]): SumRow[] {
    const statement = this.#statements.get(`${table}/${group}`);
    if (!statement) throw new Error(`no rollup sums by ${group} from the ${table} rollups`);
    return statement.all(from, to, JSON.stringify(counties));
  }

  dayEvents(dayBefore: string, day: string, beforeMs: number): string[] {
    return this.#dayEvents.all(dayBefore, day, beforeMs);
  }
}
