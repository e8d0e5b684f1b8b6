// The periods a presenter picks, as day ranges in the center's calendar (today comes from the
// server, so the wall's PC clock and zone do not matter).
import { addDays } from '../../shared/time/zoned-calendar';

export const PERIOD_KINDS = ['today', 'week', 'month', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_LABELS: Record<PeriodKind, string> = {
  today: '今日',
  week: '本周',
  month: '本月',
  year: '本年',
  custom: '自定义',
};

export interface Period {
  readonly from: string;
  readonly to: string;
  /** Days for up to about two months, months beyond. */
  readonly groupBy: 'day' | 'month';
}

/** The period `kind` that contains `today` (weeks start on Monday, as in China). */
export function periodOf(kind: Exclude<PeriodKind, 'custom'>, today: string): Period {
  switch (kind) {
    case 'today':
      return { from: today, to: today, groupBy: 'day' };
    case 'week': {
      const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
      return { from: addDays(today, -weekday), to: today, groupBy: 'day' };
    }
    case 'month':
      return { from: `${today.slice(0, 7)}-01`, to: today, groupBy: 'day' };
    case 'year':
      return { from: `${today.slice(0, 4)}-01-01`, to: today, groupBy: 'month' };
  }
}

export function customPeriod(from: string, to: string): Period {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  return { from, to, groupBy: days > 62 ? 'month' : 'day' };
}
