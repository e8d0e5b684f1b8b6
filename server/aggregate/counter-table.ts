// Counters of one calendar day, per county and metric, with region-wide sums.
import type { Metric } from '../../shared/aggregate/metrics';

export class CounterTable {
  readonly #byCounty = new Map<string, Map<Metric, number>>();

  add(county: string, metric: Metric, delta: number): void {
    let metrics = this.#byCounty.get(county);
    if (!metrics) {
      metrics = new Map();
      this.#byCounty.set(county, metrics);
    }
    metrics.set(metric, (metrics.get(metric) ?? 0) + delta);
  }

  get(county: string, metric: Metric): number {
    return this.#byCounty.get(county)?.get(metric) ?? 0;
  }

  /** Region-wide: the sum over all counties. */
  total(metric: Metric): number {
    let sum = 0;
    for (const metrics of this.#byCounty.values()) sum += metrics.get(metric) ?? 0;
    return sum;
  }
}
