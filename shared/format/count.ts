// A count as the room reads it, at every size it can reach: thousands separators (10,000,000).
export function formatCount(n: number): string {
  return n.toLocaleString('zh-CN', { maximumFractionDigits: 0 });
}

/** A count of people as a tile's small line holds it: up to 99,999 in full, then in 万 with one decimal (468.5万). */
export function formatPeople(n: number): string {
  return n < 100_000 ? formatCount(n) : `${(n / 10_000).toLocaleString('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}万`;
}
