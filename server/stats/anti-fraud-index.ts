// The anti-fraud index (反诈指数): one 0–100 score per county and period, so leadership can
// hold units to account. Pure; the formula is in the README.
import type { AntiFraudIndex, IndexComponent, PeriodTotals } from '../../shared/protocol/stats';

export interface IndexSettings {
  /** Relative weights; they need not sum to 100. */
  readonly weights: Readonly<Record<IndexComponent, number>>;
  /** Money saved per warning counts in full at this multiple of the region's average. */
  readonly moneyCap: number;
}

export const DEFAULT_INDEX_WEIGHTS: Readonly<Record<IndexComponent, number>> = {
  dissuasion: 30,
  timeliness: 20,
  closure: 20,
  money: 15,
  cases: 15,
};

/** What a component scores when the period gives it nothing to measure. */
const NEUTRAL = 50;

export interface IndexInput {
  readonly totals: PeriodTotals;
  /** Cases filed in the same period last year, in the same county. */
  readonly casesFiledLastYear: number;
  /** The region's money saved (stopped + recovered) per warning in the period, in 分. */
  readonly regionMoneyPerWarning: number;
}

export function antiFraudIndex({ totals, casesFiledLastYear, regionMoneyPerWarning }: IndexInput, settings: IndexSettings): AntiFraudIndex {
  const contacts = totals.dissuaded + totals.notDeceived + totals.unreachable;
  const moneyPerWarning = totals.warnings > 0 ? (totals.stopPaymentFen + totals.recoveryFen) / totals.warnings : undefined;
  const components: Record<IndexComponent, number | null> = {
    dissuasion: share(totals.dissuaded, contacts),
    timeliness: share(totals.timelyWarnings, totals.warnings),
    closure: share(totals.resolvedWithinSla, totals.escalationsOpened),
    money:
      moneyPerWarning === undefined || regionMoneyPerWarning <= 0
        ? null
        : round(Math.min(moneyPerWarning / regionMoneyPerWarning / settings.moneyCap, 1) * 100),
    // A fall in cases filed scores high: −50 % or better is 100, unchanged 50, +50 % or worse 0.
    cases:
      casesFiledLastYear === 0
        ? null
        : round(clamp(NEUTRAL - ((totals.casesFiled - casesFiledLastYear) / casesFiledLastYear) * 100, 0, 100)),
  };
  let weighted = 0;
  let weights = 0;
  for (const [name, weight] of Object.entries(settings.weights) as [IndexComponent, number][]) {
    weighted += weight * (components[name] ?? NEUTRAL);
    weights += weight;
  }
  return { score: weights === 0 ? NEUTRAL : round(weighted / weights), components };
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : round(Math.min(part / whole, 1) * 100);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
