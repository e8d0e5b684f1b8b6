// A batch's rollup changes, summed in memory so each touched row is written once per
// transaction, and the rows the rollups hold (both engines).
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
