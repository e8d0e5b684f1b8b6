// The surge rule's arithmetic (issue 26): the Poisson upper tail against a plain summation, the
// baseline's median and floor, the minimum count, and the p that separates a wave from noise.
import { describe, expect, it } from 'vitest';
import { baselineOf, isSurge, poissonUpperTail } from '../../server/surges/surge-rule';

/** 1 − Σ_{i<k} e^−λ λ^i / i!, the textbook way (fine for small λ and k). */
const tailBySummation = (k: number, lambda: number) => {
  let below = 0;
  let term = Math.exp(-lambda);
  for (let i = 0; i < k; i++) {
    below += term;
    term *= lambda / (i + 1);
  }
  return 1 - below;
};
const settings = { minCount: 5, p: 0.001, floor: 1 };

describe('the surge rule', () => {
  it('computes the Poisson upper tail as the textbook does, and stays finite for a large rate', () => {
    for (const [k, lambda] of [[5, 1], [9, 1.6], [3, 2.5], [12, 10], [1, 0.3]] as const) {
      expect(poissonUpperTail(k, lambda)).toBeCloseTo(tailBySummation(k, lambda), 10);
    }
    expect(poissonUpperTail(5, 1)).toBeCloseTo(0.00366, 5);
    expect(poissonUpperTail(0, 4)).toBe(1);
    // Where e^−λ underflows, the summation cannot; the tail is still right: about a half at the mean.
    expect(poissonUpperTail(900, 900)).toBeGreaterThan(0.45);
    expect(poissonUpperTail(900, 900)).toBeLessThan(0.55);
    expect(poissonUpperTail(1_100, 900)).toBeLessThan(1e-9);
  });

  it('takes the median of the eight weeks, and never below the floor', () => {
    expect(baselineOf([0, 0, 1, 2, 3, 1, 0, 2], 1)).toBe(1);
    expect(baselineOf([2, 2, 2, 2, 3, 3, 3, 3], 1)).toBe(2.5);
    expect(baselineOf([0, 0, 0, 0, 0, 0, 0, 0], 1)).toBe(1);
    expect(baselineOf([9, 0, 0, 0, 0, 0, 0, 8], 1)).toBe(1);
    expect(baselineOf([], 1)).toBe(1);
  });

  it('calls a count a surge only at the minimum and when the usual rate would rarely give it', () => {
    // A handful is never a surge, however quiet the place usually is.
    expect(isSurge(4, 1, settings)).toBe(false);
    // Five against one an hour: P = 0.0037, still noise at p = 0.001; six is not (P = 0.0006).
    expect(isSurge(5, 1, settings)).toBe(false);
    expect(isSurge(6, 1, settings)).toBe(true);
    // The seed's example: 9 in an hour where 1.6 is usual.
    expect(isSurge(9, 1.6, settings)).toBe(true);
    // A busy place's busy hour is not a wave.
    expect(isSurge(12, 10, settings)).toBe(false);
    expect(isSurge(30, 10, settings)).toBe(true);
    expect(isSurge(30, 10, { ...settings, minCount: 31 })).toBe(false);
  });
});
