// GET /api/v1/stats: a period's figures from the rollups, per county, per bucket, and the same
// period last year (README, "Statistics").
import type { ContactsByChannel } from '../figures/contact-channels';
import type { OutreachByUnit } from '../figures/outreach-units';
import type { FigureKey } from '../figures/catalogue';
import type { ScopeInfo } from '../region/scopes';
import type { FraudType } from '../vocabulary';

/** A period's figures, one per entry of the figure catalogue. */
export type PeriodTotals = Record<FigureKey, number>;

export const INDEX_COMPONENTS = ['dissuasion', 'timeliness', 'closure', 'money', 'cases', 'outreach'] as const;
export type IndexComponent = (typeof INDEX_COMPONENTS)[number];
export const INDEX_COMPONENT_LABELS: Record<IndexComponent, string> = {
  dissuasion: '劝阻成功率',
  timeliness: '10分钟内首呼',
  closure: '高危按时办结',
  money: '人均挽损',
  cases: '万人立案',
  outreach: '万人宣讲',
};

export interface AntiFraudIndex {
  /** 0–100. */
  score: number;
  /** Each 0–100, or null where the period has nothing to measure (counted as 50). */
  components: Record<IndexComponent, number | null>;
}

/** A county's, or a city's of the province. */
export interface PlaceStats {
  adcode: string;
  name: string;
  /** Resident population in 万人 (10,000s), the 2020 census (shared/region/packs.ts). */
  populationWan: number;
  totals: PeriodTotals;
  /** Cases filed and warnings per 10,000 residents in the period, two decimals: places of tenfold different size compared fairly. */
  casesPer10k: number;
  warningsPer10k: number;
  index: AntiFraudIndex;
}

export interface StatsBucket {
  /** YYYY-MM-DD or YYYY-MM in FRAUDWALL_TZ. */
  key: string;
  totals: PeriodTotals;
}

export interface StatsComparison {
  from: string;
  to: string;
  /**
   * Where the comparison was cut (RFC 3339 with offset), when the period reaches today: on
   * `to`, at today's time of day a year earlier — today so far against last year's day so far.
   */
  asOf?: string;
  totals: PeriodTotals;
  /** Change against the comparison period in percent (−30 = 30 % fewer); null when it had none. */
  changePct: Record<keyof PeriodTotals, number | null>;
  byFraudType: Record<FraudType, number>;
  buckets: StatsBucket[];
}

export interface Stats {
  from: string;
  to: string;
  /** When the period reaches today: its figures run to this moment (the server's clock). */
  asOf?: string;
  groupBy: 'day' | 'month';
  totals: PeriodTotals;
  byFraudType: Record<FraudType, number>;
  /** Calls by channel (96110, local line, SMS, not said), each by result. */
  byChannel: ContactsByChannel;
  /** Outreach sessions and the people they reached, by the unit that gave them. */
  byOutreachUnit: OutreachByUnit;
  /** Face-to-face dissuasion by who went to the door (警格+网格). */
  faceToFace: FaceToFaceFigures;
  /** What the figures count: the region, a city or a county. */
  scope: ScopeInfo;
  /** Province scope only: every city, in adcode order. */
  cities?: PlaceStats[];
  /** The counties inside the scope, in adcode order. */
  counties: PlaceStats[];
  buckets: StatsBucket[];
  compare?: StatsComparison;
  index: { weights: Record<IndexComponent, number>; timelyMinutes: number; closureMinutes: number; moneyCap: number };
}

/**
 * Escalations reported back in the period that had a face-to-face step, and how many of them
 * ended dissuaded: by the station's step, the grid worker's, and both (one that had both counts
 * under each of the first two as well).
 */
export interface FaceToFaceFigures {
  station: { escalations: number; dissuaded: number };
  grid: { escalations: number; dissuaded: number };
  both: { escalations: number; dissuaded: number };
}

/** GET /api/v1/stats/stations: one police station's escalations reported back in the period. */
export interface StationStats {
  county: string;
  countyName: string;
  station: string;
  /** Escalations it was sent to and reported back on. */
  reached: number;
  dissuaded: number;
  /** Median whole minutes from its dispatch to the report back (240 stands for 240 or more). */
  medianMinutes: number;
}

export interface StationsAnswer {
  from: string;
  to: string;
  asOf?: string;
  scope: ScopeInfo;
  /** By county in adcode order, then most reached first. */
  stations: StationStats[];
}
