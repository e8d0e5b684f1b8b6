// Per day × county counters (also summed per month, for long statistics ranges) and per
// day × 10-minute volume, kept in step with the event log (same transaction) so that "today",
// "yesterday" and "this year" never scan raw events.
import type { Database } from 'better-sqlite3';
import type { CounterChange, Metric, VolumeChange } from '../../shared/aggregate/metrics';
import type { RiskLevel } from '../../shared/vocabulary';

export interface CounterRow {
  county: string;
  metric: Metric;
  value: number;
}

export interface VolumeRow {
  county: string;
  bucket: number;
  level: RiskLevel;
  value: number;
}

const SEPARATOR = '\u0000';

/** Sums a batch's changes in memory so each touched row is written once per transaction. */
export class RollupBatch {
  readonly #counters = new Map<string, number>();
  readonly #volume = new Map<string, number>();

  addCounters(changes: readonly CounterChange[]): void {
    for (const c of changes) add(this.#counters, [c.day, c.county, c.metric].join(SEPARATOR), c.delta);
  }

  addVolume(changes: readonly VolumeChange[]): void {
    for (const v of changes) add(this.#volume, [v.day, v.county, v.bucket, v.level].join(SEPARATOR), v.delta);
  }

  /** The summed changes, zeros left out. */
  counterChanges(): [day: string, county: string, metric: Metric, delta: number][] {
    return counterEntries(this.#counters);
  }

  /** The daily changes summed per month, for the monthly rollups; zeros left out. */
  monthlyChanges(): [month: string, county: string, metric: Metric, delta: number][] {
    const monthly = new Map<string, number>();
    for (const [day, county, metric, delta] of this.counterChanges()) add(monthly, [day.slice(0, 7), county, metric].join(SEPARATOR), delta);
    return counterEntries(monthly);
  }

  volumeChanges(): [day: string, county: string, bucket: number, level: RiskLevel, delta: number][] {
    return [...this.#volume]
      .filter(([, delta]) => delta !== 0)
      .map(([key, delta]) => {
        const [day = '', county = '', bucket = '', level = ''] = key.split(SEPARATOR);
        return [day, county, Number(bucket), level as RiskLevel, delta];
      });
  }
}

/** A map of period × county × metric sums as rows, zeros left out. */
function counterEntries(map: ReadonlyMap<string, number>): [period: string, county: string, metric: Metric, delta: number][] {
  return [...map]
    .filter(([, delta]) => delta !== 0)
    .map(([key, delta]) => {
      const [period = '', county = '', metric = ''] = key.split(SEPARATOR);
      return [period, county, metric as Metric, delta];
    });
}

function add(map: Map<string, number>, key: string, delta: number): void {
  map.set(key, (map.get(key) ?? 0) + delta);
}

export class Rollups {
  readonly #addCounter;
  readonly #addMonthly;
  readonly #addVolume;
  readonly #day;
  readonly #yearTo;
  readonly #volumeOfDay;

  constructor(db: Database) {
    this.#addCounter = db.prepare(
      `INSERT INTO rollups (day, county, metric, value) VALUES (?, ?, ?, ?)
       ON CONFLICT (day, county, metric) DO UPDATE SET value = value + excluded.value`,
    );
    this.#addMonthly = db.prepare(
      `INSERT INTO rollups_monthly (month, county, metric, value) VALUES (?, ?, ?, ?)
       ON CONFLICT (month, county, metric) DO UPDATE SET value = value + excluded.value`,
    );
    this.#addVolume = db.prepare(
      `INSERT INTO volume (day, county, bucket, level, value) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (day, county, bucket, level) DO UPDATE SET value = value + excluded.value`,
    );
    this.#day = db.prepare<[string], CounterRow>('SELECT county, metric, value FROM rollups WHERE day = ?');
    // Whole months from the monthly rollups, the month so far from the daily ones: a year is a
    // few thousand rows, not a few hundred thousand.
    this.#yearTo = db.prepare<[string, string, string, string], CounterRow>(
      `SELECT county, metric, sum(value) AS value FROM (
         SELECT county, metric, value FROM rollups_monthly WHERE month >= ? AND month < ?
         UNION ALL
         SELECT county, metric, value FROM rollups WHERE day BETWEEN ? AND ?
       ) GROUP BY county, metric`,
    );
    this.#volumeOfDay = db.prepare<[string], VolumeRow>('SELECT county, bucket, level, value FROM volume WHERE day = ?');
  }

  /** Writes a batch's sums; call inside the batch's transaction. */
  write(batch: RollupBatch): void {
    for (const change of batch.counterChanges()) this.#addCounter.run(...change);
    for (const change of batch.monthlyChanges()) this.#addMonthly.run(...change);
    for (const [day, county, bucket, level, delta] of batch.volumeChanges()) this.#addVolume.run(day, county, bucket, level, delta);
  }

  countersOfDay(day: string): CounterRow[] {
    return this.#day.all(day);
  }

  /** Totals per county and metric from 1 January of `day`'s year to `day` inclusive. */
  yearToDay(day: string): CounterRow[] {
    const month = day.slice(0, 7);
    return this.#yearTo.all(`${day.slice(0, 4)}-01`, month, `${month}-01`, day);
  }

  volumeOfDay(day: string): VolumeRow[] {
    return this.#volumeOfDay.all(day);
  }
}
