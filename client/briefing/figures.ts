// The figures a briefing reports against last year, and which way is good news for each.
import { formatCount } from '../../shared/format/count';
import { formatMoney } from '../../shared/format/money';
import type { PeriodTotals } from '../../shared/protocol/stats';
import type { Better } from './change';

export interface Figure {
  readonly key: keyof PeriodTotals;
  readonly label: string;
  readonly better: Better;
  readonly money?: boolean;
}

/** 两升两降: cases filed and losses should fall, cases solved and arrests should rise. */
export const TWO_UP_TWO_DOWN = [
  { key: 'casesFiled', label: '立案数', better: 'down' },
  { key: 'lossFen', label: '案件损失', better: 'down', money: true },
  { key: 'casesSolved', label: '破案数', better: 'up' },
  { key: 'arrests', label: '抓获嫌疑人', better: 'up' },
] as const satisfies readonly Figure[];

/** The center's work in the period. */
export const WORK_FIGURES: readonly Figure[] = [
  { key: 'warnings', label: '预警人次', better: 'up' },
  { key: 'dissuaded', label: '劝阻成功', better: 'up' },
  { key: 'unreachable', label: '电话打不通', better: 'down' },
  { key: 'escalationsOpened', label: '升级高危', better: 'down' },
  { key: 'escalationsDissuaded', label: '高危劝回', better: 'up' },
  { key: 'escalationsLoss', label: '高危损失', better: 'down' },
  { key: 'escalationsFalseAlarm', label: '高危误报', better: 'down' },
  { key: 'stopPaymentFen', label: '紧急止付', better: 'up', money: true },
  { key: 'recoveryFen', label: '追赃挽损', better: 'up', money: true },
];

export function showFigure(figure: Figure, value: number): string {
  return figure.money ? formatMoney(value) : formatCount(value);
}
