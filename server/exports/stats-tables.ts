// A period's statistics as the tables a spreadsheet holds (issue 27's exports), with Chinese
// headers: the period against last year, the places with their index and rates, the months
// against last year's. Pure; the xlsx and the CSV are written from the same tables.
import { FIGURE_KEYS, FIGURES, type FigureKey } from '../../shared/figures/catalogue';
import { fenToWan } from '../../shared/format/money';
import { INDEX_COMPONENT_LABELS, INDEX_COMPONENTS, type PlaceStats, type Stats } from '../../shared/protocol/stats';

export type Cell = string | number | null;

export interface Table {
  /** The sheet's name (≤ 31 characters, as Excel allows). */
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

/** The figures of a place's and a month's row: counts as they are, money in 万元. */
const ROW_FIGURES: readonly FigureKey[] = ['warnings', 'dissuaded', 'unreachable', 'escalationsOpened', 'escalationsDissuaded', 'stopPaymentFen', 'recoveryFen', 'casesFiled', 'lossFen', 'casesSolved', 'arrests', 'outreachSessions', 'outreachPeople', 'hotlineCalls'];

const headerOf = (key: FigureKey) => (FIGURES[key].unit === 'fen' ? `${FIGURES[key].label}(万元)` : FIGURES[key].label);
const valueOf = (key: FigureKey, value: number) => (FIGURES[key].unit === 'fen' ? round2(fenToWan(value)) : value);

export function statsTables(stats: Stats): Table[] {
  const compare = stats.compare;
  const summary: Table = {
    title: '本期与去年同期',
    header: ['指标', '本期', '去年同期', '同比(%)'],
    rows: FIGURE_KEYS.map((key) => [headerOf(key), valueOf(key, stats.totals[key]), compare ? valueOf(key, compare.totals[key]) : null, compare?.changePct[key] ?? null]),
  };
  const placeTable = (title: string, label: string, places: readonly PlaceStats[]): Table => ({
    title,
    header: [label, '行政区划代码', '常住人口(万人)', '反诈指数', ...INDEX_COMPONENTS.map((c) => `${INDEX_COMPONENT_LABELS[c]}(权重${stats.index.weights[c]}%)`), '万人预警', '万人立案', ...ROW_FIGURES.map(headerOf)],
    rows: places.map((place) => [
      place.name,
      place.adcode,
      place.populationWan,
      place.index.score,
      ...INDEX_COMPONENTS.map((c) => place.index.components[c]),
      place.warningsPer10k,
      place.casesPer10k,
      ...ROW_FIGURES.map((key) => valueOf(key, place.totals[key])),
    ]),
  });
  const months: Table = {
    title: stats.groupBy === 'month' ? '逐月' : '逐日',
    header: [stats.groupBy === 'month' ? '月份' : '日期', ...ROW_FIGURES.map(headerOf), ...(compare ? ROW_FIGURES.map((key) => `去年同期${headerOf(key)}`) : [])],
    rows: stats.buckets.map((bucket, i) => [
      bucket.key,
      ...ROW_FIGURES.map((key) => valueOf(key, bucket.totals[key])),
      ...(compare ? ROW_FIGURES.map((key) => valueOf(key, compare.buckets[i]?.totals[key] ?? 0)) : []),
    ]),
  };
  const about: Table = {
    title: '说明',
    header: ['项目', '内容'],
    rows: [
      ['范围', stats.scope.name],
      ['本期', `${stats.from} 至 ${stats.to}`],
      ['数据截至', stats.asOf ?? `${stats.to} 全天`],
      ['去年同期', compare ? `${compare.from} 至 ${compare.to}${compare.asOf ? `（截至 ${compare.asOf}）` : ''}` : '—'],
      ['反诈指数', '0–100，六项加权；万人立案、万人宣讲按常住人口（2020年第七次人口普查）与本范围比较'],
      ['金额单位', '万元'],
    ],
  };
  return [summary, ...(stats.cities ? [placeTable('城市', '城市', stats.cities)] : []), placeTable('区县', '区县', stats.counties), months, about];
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
