// Per day × county counters (also summed per month, for long statistics ranges) and per
// day × 10-minute volume, kept in step with the event log (same transaction) so that "today",
// "yesterday" and "this year" never scan raw events.
import type { Database } from 'better-sqlite3';
import type { CounterRow, RollupBatch, VolumeRow } from '../../aggregate/rollup-batch';

export class Rollups {
  readonly #addCounter;
  readonly #addMonthly;
  readonly #addVolume;
  readonly #addTypeVolume;
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
    this.#addTypeVolume = db.prepare(
      `INSERT INTO type_volume (day, county, bucket, fraud_type, value) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (day, county, bucket, fraud_type) DO UPDATE SET value = value + excluded.value`,
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
    for (const change of batch.typeVolumeChanges()) this.#addTypeVolume.run(...change);
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
