// Every figure the product counts over a period, defined once: the counters it sums, its label,
// its unit, which way is good news, and where it is shown besides the statistics (the live
// state's yesterday and year, the briefing's tables). The stats API's totals, the live state,
// the briefing, the report and the KPI strip's labels all derive from this table, so adding a
// figure touches this file only.
import type { ClosureLimit, Metric } from '../aggregate/metrics';

/** Where a figure is shown besides the statistics. */
export type FigureWindow =
  /** The live state's `yesterday` (the wall compares today with it). */
  | 'yesterday'
  /** The live state's `year`: 1 January to today. */
  | 'year'
  /** The briefing's 两升两降 tiles. */
  | 'balance'
  /** The briefing's table of the center's work. */
  | 'work'
  /** The printed report's table. */
  | 'report';

export interface FigureDefinition {
  /** The counters summed. The closure figure's depends on the configured SLA. */
  readonly metrics: readonly Metric[] | ((closure: ClosureLimit) => readonly Metric[]);
  /** As a table row or a tile names it. */
  readonly label: string;
  /** As the KPI strip names it after 今日 or 本年, where that differs. */
  readonly short?: string;
  /** Money is counted in fen and shown in 万元/亿元. */
  readonly unit: 'count' | 'fen';
  /** Which way is good news. */
  readonly better: 'up' | 'down';
  readonly windows?: readonly FigureWindow[];
}

export const FIGURES = {
  // 两升两降 first: the report's table opens with them.
  casesFiled: { metrics: ['case.filed'], label: '立案数', unit: 'count', better: 'down', windows: ['balance', 'report'] },
  lossFen: { metrics: ['case.lossFen'], label: '案件损失', unit: 'fen', better: 'down', windows: ['balance', 'report'] },
  casesSolved: { metrics: ['case.solved'], label: '破案数', unit: 'count', better: 'up', windows: ['balance', 'report'] },
  arrests: { metrics: ['case.arrest'], label: '抓获嫌疑人', unit: 'count', better: 'up', windows: ['balance', 'report'] },
  warnings: { metrics: ['warnings'], label: '预警人次', short: '预警', unit: 'count', better: 'up', windows: ['yesterday', 'year', 'work', 'report'] },
  dissuaded: { metrics: ['contact.dissuaded'], label: '劝阻成功', unit: 'count', better: 'up', windows: ['year', 'work', 'report'] },
  notDeceived: { metrics: ['contact.not_deceived'], label: '核实未受骗', unit: 'count', better: 'up' },
  unreachable: { metrics: ['contact.unreachable'], label: '电话打不通', unit: 'count', better: 'down', windows: ['work'] },
  /** The 96110 line's calls (issue 27): people are told to answer it. */
  hotlineCalls: {
    metrics: ['channel.96110.dissuaded', 'channel.96110.not_deceived', 'channel.96110.unreachable'],
    label: '96110呼出',
    unit: 'count',
    better: 'up',
    windows: ['work'],
  },
  hotlineReached: { metrics: ['channel.96110.dissuaded', 'channel.96110.not_deceived'], label: '96110接通', unit: 'count', better: 'up', windows: ['work'] },
  hotlineDissuaded: { metrics: ['channel.96110.dissuaded'], label: '96110劝阻', unit: 'count', better: 'up' },
  escalationsOpened: { metrics: ['escalation.opened'], label: '升级高危', unit: 'count', better: 'down', windows: ['work', 'report'] },
  escalationsResolved: { metrics: ['escalation.resolved'], label: '高危办结', unit: 'count', better: 'up' },
  escalationsDissuaded: { metrics: ['outcome.dissuaded'], label: '高危劝回', unit: 'count', better: 'up', windows: ['work', 'report'] },
  escalationsLoss: { metrics: ['outcome.loss'], label: '高危损失', unit: 'count', better: 'down', windows: ['work', 'report'] },
  escalationsFalseAlarm: { metrics: ['outcome.false_alarm'], label: '高危误报', unit: 'count', better: 'down', windows: ['work'] },
  stopPaymentFen: { metrics: ['intercept.stop_payment'], label: '紧急止付', short: '止付', unit: 'fen', better: 'up', windows: ['year', 'work', 'report'] },
  recoveryFen: { metrics: ['intercept.recovery'], label: '追赃挽损', short: '挽损', unit: 'fen', better: 'up', windows: ['year', 'work', 'report'] },
  interceptedFen: { metrics: ['intercept.stop_payment', 'intercept.recovery'], label: '拦截资金', unit: 'fen', better: 'up', windows: ['yesterday'] },
  /** Outreach (全民反诈, issue 27): sessions given, and the people they reached. */
  outreachSessions: { metrics: ['outreach.sessions'], label: '宣讲场次', unit: 'count', better: 'up', windows: ['year', 'work', 'report'] },
  outreachPeople: { metrics: ['outreach.people'], label: '宣讲覆盖人次', unit: 'count', better: 'up', windows: ['year', 'work', 'report'] },
  /** Warnings whose first call came within 10 minutes. */
  timelyWarnings: { metrics: ['warning.timely'], label: '10分钟内首呼', unit: 'count', better: 'up' },
  /** Escalations resolved within the red SLA threshold (rounded down to a closure limit). */
  resolvedWithinSla: { metrics: (closure) => [`resolved.within.${closure}`], label: '高危按时办结', unit: 'count', better: 'up' },
} as const satisfies Record<string, FigureDefinition>;

export type FigureKey = keyof typeof FIGURES;
export const FIGURE_KEYS = Object.keys(FIGURES) as FigureKey[];

/** The figures shown in a window, in the catalogue's order. */
type InWindow<W extends FigureWindow> = {
  [K in FigureKey]: (typeof FIGURES)[K] extends { windows: readonly (infer V)[] } ? (W extends V ? K : never) : never;
}[FigureKey];

export type YesterdayFigures = Record<InWindow<'yesterday'>, number>;
export type YearFigures = Record<InWindow<'year'>, number>;

export function figuresIn<W extends FigureWindow>(window: W): InWindow<W>[] {
  return FIGURE_KEYS.filter((key) => (FIGURES[key] as FigureDefinition).windows?.includes(window)) as InWindow<W>[];
}

/**
 * A figure's value from a counter reader (a day's, a period's, a scope's). `closure` is needed
 * only by the figure counted against the SLA, which no live window shows.
 */
export function figureValue(key: FigureKey, count: (metric: Metric) => number, closure?: ClosureLimit): number {
  const { metrics } = FIGURES[key] as FigureDefinition;
  if (typeof metrics === 'function' && closure === undefined) throw new Error(`${key} is counted against the SLA: give its closure limit`);
  return (typeof metrics === 'function' ? metrics(closure!) : metrics).reduce((sum, metric) => sum + count(metric), 0);
}

/** The figures of a window, read from counters. */
export function windowFigures<W extends FigureWindow>(window: W, count: (metric: Metric) => number, closure?: ClosureLimit): Record<InWindow<W>, number> {
  return Object.fromEntries(figuresIn(window).map((key) => [key, figureValue(key, count, closure)])) as Record<InWindow<W>, number>;
}
