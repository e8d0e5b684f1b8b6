// Money travels as integer 分 (fen) so sums are exact; it is shown as leadership reads it: in
// 亿元 from ¥1 亿, else in 万元, always with two decimals and thousands separators, so a figure
// reads the same on the wall, the briefing and the report, whatever its size.

const FEN_PER_YUAN = 100;
const YUAN_PER_WAN = 10_000;
const YUAN_PER_YI = 100_000_000;
export const MONEY_DECIMALS = 2;

export type MoneyUnit = '万元' | '亿元';

/** The amount in the unit a reader expects for it (one that would show as 10,000.00万元 is 1.00亿元). */
export function moneyAmount(fen: number): { amount: number; unit: MoneyUnit } {
  const yuan = fen / FEN_PER_YUAN;
  const shownInWan = Math.round((yuan / YUAN_PER_WAN) * 10 ** MONEY_DECIMALS) / 10 ** MONEY_DECIMALS;
  return Math.abs(shownInWan) >= YUAN_PER_YI / YUAN_PER_WAN
    ? { amount: yuan / YUAN_PER_YI, unit: '亿元' }
    : { amount: yuan / YUAN_PER_WAN, unit: '万元' };
}

/** 12,345.67万元 · 2.70亿元 */
export function formatMoney(fen: number): string {
  const { amount, unit } = moneyAmount(fen);
  return `${formatDecimal(amount)}${unit}`;
}

/** Always in 万元, for a column whose header names the unit. */
export function fenToWan(fen: number): number {
  return fen / FEN_PER_YUAN / YUAN_PER_WAN;
}

/** A money amount already in its unit: two decimals, thousands separators. */
export function formatDecimal(n: number): string {
  return n.toLocaleString('zh-CN', { minimumFractionDigits: MONEY_DECIMALS, maximumFractionDigits: MONEY_DECIMALS });
}
