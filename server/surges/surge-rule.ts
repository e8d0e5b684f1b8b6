// When is a count a wave (轰炸)? The rule count-based public-health surveillance uses, simple to
// explain to a room: compare the last hour's warnings of one fraud type in one place with the
// same hour of the week over the previous eight weeks — their median, never below a floor — and
// call it a surge when the count is at least a minimum and the chance of seeing that many or
// more, were the usual rate still true (Poisson), is below a small p. No alarm on a handful of
// cases; none on ordinary noise.

export interface SurgeSettings {
  /** FRAUDWALL_SURGE_MIN: fewer warnings than this are never a surge. */
  readonly minCount: number;
  /** FRAUDWALL_SURGE_P: how unlikely the count must be under the usual rate. */
  readonly p: number;
  /** The baseline is never taken below this (warnings an hour): a place with none usually is not alarmed by two. */
  readonly floor: number;
}

export const SURGE_BASELINE_FLOOR = 1;

/** The median of the weeks' counts, floored. */
export function baselineOf(weeklyCounts: readonly number[], floor: number): number {
  if (weeklyCounts.length === 0) return floor;
  const sorted = [...weeklyCounts].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.max(floor, median);
}

/** P(X ≥ k) for X ~ Poisson(λ): summed upwards from k in log space, so a tiny tail stays exact and a large λ does not underflow. */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  let term = Math.exp(-lambda + k * Math.log(lambda) - logFactorial(k));
  let sum = 0;
  for (let i = k; term > 0; i++) {
    sum += term;
    if (term < sum * 1e-15 && i > lambda) break;
    term *= lambda / (i + 1);
  }
  return Math.min(1, sum);
}

export function isSurge(count: number, baseline: number, settings: SurgeSettings): boolean {
  return count >= settings.minCount && poissonUpperTail(count, baseline) < settings.p;
}

/** ln(k!), exactly for small k, by Stirling's series beyond (error far below what p compares). */
function logFactorial(k: number): number {
  if (k < 256) {
    let sum = 0;
    for (let i = 2; i <= k; i++) sum += Math.log(i);
    return sum;
  }
  return k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k) + 1 / (12 * k) - 1 / (360 * k ** 3);
}
