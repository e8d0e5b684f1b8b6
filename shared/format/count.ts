// A count as the room reads it, at every size it can reach: thousands separators (10,000,000).
export function formatCount(n: number): string {
  return n.toLocaleString('zh-CN', { maximumFractionDigits: 0 });
}
