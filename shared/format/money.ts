// Money travels as integer 分 (fen) so sums are exact; it is shown in 元, 万元 or 亿元.

const FEN_PER_YUAN = 100;
const YUAN_PER_WAN = 10_000;
const YUAN_PER_YI = 100_000_000;

export interface MoneyParts {
  value: string;
  unit: '元' | '万元' | '亿元';
}

/** Picks the unit a reader expects: 亿元 from 1亿, 万元 from 1万, else 元 (two decimals at most). */
export function moneyParts(fen: number): MoneyParts {
  const yuan = fen / FEN_PER_YUAN;
  const magnitude = Math.abs(yuan);
  if (magnitude >= YUAN_PER_YI) return { value: fixed(yuan / YUAN_PER_YI, 2), unit: '亿元' };
  if (magnitude >= YUAN_PER_WAN) return { value: fixed(yuan / YUAN_PER_WAN, 2), unit: '万元' };
  return { value: fixed(yuan, 2), unit: '元' };
}

export function formatMoney(fen: number): string {
  const { value, unit } = moneyParts(fen);
  return `${value}${unit}`;
}

/** Always in 万元, as the wall's money KPIs are. */
export function fenToWan(fen: number): number {
  return fen / FEN_PER_YUAN / YUAN_PER_WAN;
}

function fixed(n: number, decimals: number): string {
  // Drop trailing zeros: 12.50万元 reads as 12.5万元.
  return String(Number(n.toFixed(decimals)));
}
