// A page's title names its center and, when it shows only part of the region (a city of the
// province, a county), that part: "绍兴市公安局反诈中心 · 柯桥区".

export function centerTitle(centerName: string, scopeName: string | undefined): string {
  return scopeName && !centerName.includes(scopeName) ? `${centerName} · ${scopeName}` : centerName;
}
