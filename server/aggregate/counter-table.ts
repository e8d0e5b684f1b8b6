// Counters of one calendar day (or a run of days), per county and metric, summed over any scope's counties.
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

  /** The sum over some counties (a scope's). */
  sum(counties: readonly string[], metric: Metric): number {
    let sum = 0;
    for (const county of counties) sum += this.get(county, metric);
    return sum;
  }
}
