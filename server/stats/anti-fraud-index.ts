// The anti-fraud index (反诈指数): one 0–100 score per county and period, so leadership can
// hold units to account. Places differ tenfold in people, so what depends on size — cases
// filed, outreach given — is compared per 10,000 residents against the scope's own rate. Pure;
// the formula is in the README.
import type { AntiFraudIndex, IndexComponent, PeriodTotals } from '../../shared/protocol/stats';

export interface IndexSettings {
  /** Relative weights, summing to 100 (config.ts checks). */
  readonly weights: Readonly<Record<IndexComponent, number>>;
  /** Money saved per warning counts in full at this multiple of the scope's average. */
  readonly moneyCap: number;
}

export const DEFAULT_INDEX_WEIGHTS: Readonly<Record<IndexComponent, number>> = {
  dissuasion: 25,
  timeliness: 20,
  closure: 20,
  money: 15,
  cases: 10,
  outreach: 10,
};

/** Outreach per 10,000 residents counts in full at this multiple of the scope's. */
export const OUTREACH_CAP = 2;

/** What a component scores when the period gives it nothing to measure. */
const NEUTRAL = 50;

/** The scope's own figures every place is measured against. */
export interface ScopeRates {
  /** Money saved (stopped + recovered) per warning in the period, in 分. */
  readonly moneyPerWarning: number;
  /** Cases filed and outreach sessions per 10,000 residents in the period. */
  readonly casesPer10k: number;
  readonly outreachPer10k: number;
}

export interface IndexInput {
  readonly totals: PeriodTotals;
  /** The place's resident population in 万人 (10,000s). */
  readonly populationWan: number;
  readonly scope: ScopeRates;
}

/** How many per 10,000 residents (a population in 万人 is counted in 10,000s). */
export function per10k(count: number, populationWan: number): number {
  return populationWan > 0 ? count / populationWan : 0;
}

export function antiFraudIndex({ totals, populationWan, scope }: IndexInput, settings: IndexSettings): AntiFraudIndex {
  const contacts = totals.dissuaded + totals.notDeceived + totals.unreachable;
  const moneyPerWarning = totals.warnings > 0 ? (totals.stopPaymentFen + totals.recoveryFen) / totals.warnings : undefined;
  const known = populationWan > 0;
  const components: Record<IndexComponent, number | null> = {
    dissuasion: share(totals.dissuaded, contacts),
    timeliness: share(totals.timelyWarnings, totals.warnings),
    closure: share(totals.resolvedWithinSla, totals.escalationsOpened),
    money: moneyPerWarning === undefined ? null : capped(moneyPerWarning, scope.moneyPerWarning, settings.moneyCap),
    // Fewer cases per 10,000 residents than the scope scores high: half its rate or better 100, its rate 50, 1.5× or worse 0.
    cases: !known || scope.casesPer10k <= 0 ? null : round(clamp(NEUTRAL - (per10k(totals.casesFiled, populationWan) / scope.casesPer10k - 1) * 100, 0, 100)),
    outreach: known ? capped(per10k(totals.outreachSessions, populationWan), scope.outreachPer10k, OUTREACH_CAP) : null,
  };
  let weighted = 0;
  let weights = 0;
  for (const [name, weight] of Object.entries(settings.weights) as [IndexComponent, number][]) {
    weighted += weight * (components[name] ?? NEUTRAL);
    weights += weight;
  }
  return { score: weights === 0 ? NEUTRAL : round(weighted / weights), components };
}

/** A place's figure against the scope's: in full (100) at `cap` times it, the scope's own 100 / cap. */
function capped(value: number, scopeValue: number, cap: number): number | null {
  return scopeValue <= 0 ? null : round(Math.min(value / scopeValue / cap, 1) * 100);
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
