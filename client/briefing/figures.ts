// The figures a briefing reports against last year, and which way is good news for each: the
// figure catalogue's balance (两升两降), work and report windows.
import { FIGURES, figuresIn, type FigureKey, type FigureWindow } from '../../shared/figures/catalogue';
import { formatCount } from '../../shared/format/count';
import { formatMoney } from '../../shared/format/money';
import type { Better } from './change';

export interface Figure {
  readonly key: FigureKey;
  readonly label: string;
  readonly better: Better;
  readonly money: boolean;
}

function shownIn(window: FigureWindow): readonly Figure[] {
  return figuresIn(window).map((key) => ({ key, label: FIGURES[key].label, better: FIGURES[key].better, money: FIGURES[key].unit === 'fen' }));
}

/** 两升两降: cases filed and losses should fall, cases solved and arrests should rise. */
export const TWO_UP_TWO_DOWN = shownIn('balance');
/** The center's work in the period. */
export const WORK_FIGURES = shownIn('work');
/** The printed report's table. */
export const REPORT_FIGURES = shownIn('report');

export function showFigure(figure: Figure, value: number): string {
  return figure.money ? formatMoney(value) : formatCount(value);
}
