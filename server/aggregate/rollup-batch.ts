// A batch's rollup changes, summed in memory so each touched row is written once per
// transaction, and the rows the rollups hold (both engines).
import type { CounterChange, Metric, VolumeChange } from '../../shared/aggregate/metrics';
import type { FraudType, RiskLevel } from '../../shared/vocabulary';

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
  readonly #typeVolume = new Map<string, number>();

  addCounters(changes: readonly CounterChange[]): void {
    for (const c of changes) add(this.#counters, [c.day, c.county, c.metric].join(SEPARATOR), c.delta);
  }

  addVolume(changes: readonly VolumeChange[]): void {
    for (const v of changes) add(this.#volume, [v.day, v.county, v.bucket, v.level].join(SEPARATOR), v.delta);
  }

  /**
   * A warning's 10-minute bucket by fraud type (issue 26): what a wave of one type in one place
   * is counted from. Its level may move later (an escalation raises it); its type never does.
   */
  addTypeVolume(fraudType: FraudType, changes: readonly VolumeChange[]): void {
    for (const v of changes) if (v.delta > 0) add(this.#typeVolume, [v.day, v.county, v.bucket, fraudType].join(SEPARATOR), v.delta);
  }

  typeVolumeChanges(): [day: string, county: string, bucket: number, fraudType: FraudType, delta: number][] {
    return [...this.#typeVolume]
      .filter(([, delta]) => delta !== 0)
      .map(([key, delta]) => {
        const [day = '', county = '', bucket = '', fraudType = ''] = key.split(SEPARATOR);
        return [day, county, Number(bucket), fraudType as FraudType, delta];
      });
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
