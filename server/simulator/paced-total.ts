// Totals that keep to their expectation. A plain Poisson draw each minute lets a day's or a
// year's total wander by its square root — at a city's few cases a day, ±5 % a year, enough to
// turn the province's −31.3 % into −27 % or a day's warnings by 06:00 into ±25 % of the day
// before. Here each draw leans a little towards what the running total should be, so the
// minute-to-minute rhythm stays random while hours, days and years add up as the profile says.
import type { Random } from './random';

/** How much of the running shortfall (or excess) each draw makes up. */
const REVERSION = 0.05;

/** How many things happen in each step, around an expected number. */
export class PacedCount {
  #shortfall = 0;

  constructor(private readonly random: Random) {}

  next(expected: number): number {
    const n = this.random.poisson(Math.max(0, expected + this.#shortfall * REVERSION));
    this.#shortfall += expected - n;
    return n;
  }
}

/**
 * Amounts (money) drawn around a mean, whose sum keeps to count × mean. The lean scales a
 * draw (by at most half either way) rather than adding to it, so one huge amount is made up
 * by somewhat smaller ones, never by a run of ¥1 payments.
 */
export class PacedAmount {
  #shortfall = 0;

  constructor(private readonly minimum: number) {}

  /** `drawn` is a natural sample whose expected value is `mean`. */
  next(drawn: number, mean: number): number {
    const lean = Math.min(1.5, Math.max(0.5, 1 + (this.#shortfall / mean) * REVERSION * 2));
    const amount = Math.max(this.minimum, Math.round(drawn * lean));
    this.#shortfall += mean - amount;
    return amount;
  }
}
