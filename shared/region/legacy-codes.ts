// County codes abolished since 2016 that upstream systems still send (contract: *Legacy codes*).
// Such an event is accepted and counted under the county that replaced it; the stored event
// keeps what was sent.
export const LEGACY_SUCCESSORS: Readonly<Record<string, string>> = {
  '330103': '330105', // 下城区 → 拱墅区 (2021)
  '330104': '330102', // 江干区 → 上城区 (2021)
  '330185': '330112', // 临安市 → 临安区 (2017)
  '330283': '330213', // 奉化市 → 奉化区 (2016)
  '331021': '331083', // 玉环县 → 玉环市 (2017)
};

/** The county a code counts under today. */
export function currentCounty(adcode: string): string {
  return LEGACY_SUCCESSORS[adcode] ?? adcode;
}
