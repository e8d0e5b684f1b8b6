// How a change against last year reads: the arrow, and whether it is good news — which it is
// only when the two periods are like for like.
import type { HistoryProgress } from '../../shared/protocol/wall-state';
import type { Stats } from '../../shared/protocol/stats';

export type Better = 'up' | 'down';

export interface ChangeView {
  readonly text: string;
  readonly arrow: '▲' | '▼' | '—';
  readonly tone: 'good' | 'bad' | 'flat';
}

/** `likeForLike` false: the arrow and figure stand, coloured neither good nor bad. */
export function changeView(pct: number | null, better: Better, likeForLike = true): ChangeView {
  if (pct === null) return { text: '去年无', arrow: '—', tone: 'flat' };
  if (pct === 0) return { text: '0%', arrow: '—', tone: 'flat' };
  const up = pct > 0;
  return {
    text: `${up ? '+' : ''}${pct.toFixed(1)}%`,
    arrow: up ? '▲' : '▼',
    tone: !likeForLike ? 'flat' : up === (better === 'up') ? 'good' : 'bad',
  };
}

export interface Comparability {
  readonly likeForLike: boolean;
  /** What the room must know about the comparison, if anything. */
  readonly note?: string;
}

/**
 * Whether a period's comparison with last year is like for like, and why not: last year's
 * period starts before the data does (a demo's history, which the server reports) — its figures
 * are then partly missing, and a fall would be no news at all.
 */
export function comparability(stats: Stats, history: HistoryProgress | undefined): Comparability {
  const compare = stats.compare;
  if (!compare) return { likeForLike: false };
  if (history && compare.from < history.from) {
    return { likeForLike: false, note: `去年同期（${compare.from} 起）早于演示数据的起点 ${history.from}，同比不完整，不评升降好坏` };
  }
  const cut = compare.asOf ? `，去年截至同日 ${compare.asOf.slice(11, 16)}` : '';
  return { likeForLike: true, note: `同比：去年 ${compare.from} 至 ${compare.to}${cut}` };
}
