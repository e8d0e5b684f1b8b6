// How a change against last year reads: the arrow, and whether it is good news.
export type Better = 'up' | 'down';

export interface ChangeView {
  readonly text: string;
  readonly arrow: '▲' | '▼' | '—';
  readonly tone: 'good' | 'bad' | 'flat';
}

export function changeView(pct: number | null, better: Better): ChangeView {
  if (pct === null) return { text: '去年无', arrow: '—', tone: 'flat' };
  if (pct === 0) return { text: '0%', arrow: '—', tone: 'flat' };
  const up = pct > 0;
  return {
    text: `${up ? '+' : ''}${pct.toFixed(1)}%`,
    arrow: up ? '▲' : '▼',
    tone: up === (better === 'up') ? 'good' : 'bad',
  };
}
