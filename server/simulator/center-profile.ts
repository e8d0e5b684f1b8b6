// How a day in the Shaoxing center looks, sized from domain.md's public figures (center-size.ts
// scales the rates to another city or the province). Shaoxing holds
// 8.2 % of Zhejiang's people (527 of 6,457 万, 2020 census), so where domain.md gives only the
// province's figure, the city's share is that fraction of it.
import type { ContactResult, EscalationOutcome, FaceToFaceStep, FraudType, OutreachFormat, OutreachUnit, RiskLevel, WarningSource } from '../../shared/vocabulary';

/** 840,000+ person-times warned in 2021 ≈ 2,300 a day. */
export const WARNINGS_PER_DAY = 2_300;

/** Relative activity by local hour: quiet at night, busy by day and in the evening. Mean 1. */
export const HOURLY_ACTIVITY = normalise([
  0.3, 0.2, 0.12, 0.1, 0.1, 0.15, 0.3, 0.6, 1.0, 1.3, 1.45, 1.35, 1.1, 1.2, 1.4, 1.45, 1.35, 1.25, 1.2, 1.4, 1.55, 1.45,
  1.05, 0.6,
]);

/** Province ≈ 30,000/day shared by 11 cities; the city's own platform 1,000+/day. */
export const SOURCE_MIX: Record<WarningSource, number> = { province: 57, city: 43 };
export const LEVEL_MIX: Record<RiskLevel, number> = { high: 15, medium: 35, low: 50 };
export const FRAUD_TYPE_MIX: Record<FraudType, number> = {
  rebate: 28,
  investment: 15,
  romance: 10,
  loan: 10,
  customer_service: 12,
  police_impersonation: 7,
  credit: 6,
  acquaintance: 5,
  game_trade: 4,
  other: 3,
};
/**
 * Waves (轰炸, issue 26): now and then one gang works one county with one script — a few dozen
 * calls an hour where a handful is usual. The demo shows one a few minutes after it starts (in
 * the daytime hours), so the wall can be seen flagging it, then one every few hours of simulated
 * daytime. A wave's warnings are drawn from the hour's own: the day's totals stay as they are.
 */
export const WAVE = {
  firstAfterMinutes: 2,
  /** Waves begin between these local hours. */
  hours: [9, 21] as const,
  /** Mean simulated hours between waves. */
  meanGapHours: 6,
  /** Warnings a wave takes of the hour's, and over how many minutes. */
  warnings: [14, 20] as const,
  minutes: 25,
  /** The scripts gangs run in waves. */
  types: { police_impersonation: 4, customer_service: 3, loan: 2, rebate: 1 } as const,
} as const;

/** 8,505,800 dissuaded in the province ≈ 77 % of its warnings. */
export const CONTACT_MIX: Record<ContactResult, number> = { dissuaded: 74, not_deceived: 18, unreachable: 8 };
export const CHANNEL_MIX = { '96110': 70, local_call: 25, sms: 5 } as const;
export const OUTCOME_MIX: Record<EscalationOutcome, number> = { dissuaded: 82, false_alarm: 12, loss: 6 };

/**
 * Minutes from one step to the next (uniform ranges), for a county of usual pace (each county's
 * own is county-tendencies.ts): the room works an escalation in tens of minutes.
 */
export const MINUTES = {
  toFirstCall: [1, 12],
  toCommsCheck: [1, 4],
  toStation: [3, 8],
} as const satisfies Record<string, readonly [number, number]>;
/**
 * The station sees the person and reports back (log-normal around the median): "about half an
 * hour" after the warning all told, most within the 30-minute red threshold, a tail beyond it —
 * so that red on the wall means "act now", not "usual".
 */
export const REPORT_MEDIAN_MINUTES = 12;
export const REPORT_SPREAD = 0.5;

/** How one unit's outreach goes: events a day, the formats it takes, sessions per event, people per session (log-normal median). */
export interface OutreachHabit {
  readonly perDay: number;
  readonly formats: Readonly<Partial<Record<OutreachFormat, number>>>;
  readonly sessions: readonly [number, number];
  readonly peopleMedian: number;
}

/**
 * Outreach (全民反诈) at Shaoxing's pace: 5,000+ talks a year by the whole force (≈ 14 a day),
 * beside the line units' (banks, telecoms, schools), village cadres' and grid workers'
 * door-to-door rounds (见人见面: a round visits a few dozen people) and volunteers'. Online and
 * media pieces reach many more people than a talk in a hall.
 */
export const OUTREACH: Readonly<Record<OutreachUnit, OutreachHabit>> = {
  police: { perDay: 14, formats: { talk: 85, online: 10, media: 5 }, sessions: [1, 1], peopleMedian: 120 },
  department: { perDay: 6, formats: { talk: 60, online: 30, media: 10 }, sessions: [1, 2], peopleMedian: 80 },
  village: { perDay: 8, formats: { door_to_door: 80, talk: 20 }, sessions: [1, 3], peopleMedian: 35 },
  grid: { perDay: 12, formats: { door_to_door: 90, talk: 10 }, sessions: [1, 2], peopleMedian: 25 },
  volunteer: { perDay: 2, formats: { talk: 40, online: 40, media: 20 }, sessions: [1, 1], peopleMedian: 150 },
};
export const OUTREACH_REACH: Readonly<Record<OutreachFormat, number>> = { talk: 1, door_to_door: 1, online: 8, media: 20 };
export const OUTREACH_PEOPLE_SPREAD = 0.6;
/** Outreach happens in working hours, between these local hours. */
export const OUTREACH_HOURS = [8, 20] as const;

/**
 * Who goes to the door (警格+网格): the police station alone, a community grid worker beside it
 * (after it, or first), or the grid worker alone — the grid worker often lives a street away.
 */
export const FACE_TO_FACE_MIX = { station: 60, stationThenGrid: 15, gridThenStation: 10, grid: 15 } as const;
export const FACE_TO_FACE_ORDERS: Readonly<Record<keyof typeof FACE_TO_FACE_MIX, readonly FaceToFaceStep[]>> = {
  station: ['station'],
  stationThenGrid: ['station', 'grid'],
  gridThenStation: ['grid', 'station'],
  grid: ['grid'],
};
/** A grid worker's own pace to the door against the station's. */
export const GRID_PACE = 0.7;

/** Spread of money amounts (log-normal σ): most within ×/÷ e^σ of the median. */
export const MONEY_SPREAD = 0.9;
/** ¥2.58 bn stopped province-wide → ≈ ¥210 M a year in Shaoxing (mean ≈ ¥27,000 a payment). */
export const STOP_PAYMENTS_PER_DAY = 21;
export const STOP_PAYMENT_MEDIAN_YUAN = 18_000;
/** ¥100 M+ recovered in Shaoxing (mean ≈ ¥45,000 a recovery). */
export const RECOVERIES_PER_DAY = 7;
export const RECOVERY_MEDIAN_YUAN = 30_000;
/** 65,000 cases filed, ¥3.89 bn lost and 17,000 solved province-wide; 2,878 suspects dealt with in Shaoxing. */
export const CASES_FILED_PER_DAY = 14.5;
export const CASE_LOSS_MEDIAN_YUAN = 36_000;
export const CASE_LOSS_SPREAD = 1;
export const CASES_SOLVED_PER_DAY = 3.8;
export const ARRESTS_PER_DAY = 7.9;

export const SURNAMES = Array.from('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾');
export const GIVEN_NAMES = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '建国', '晓燕', '志强', '海燕', '文博', '佳怡'];

/** A county's stations where none are listed below: most counties have these. */
export const USUAL_STATIONS = ['城东派出所', '城西派出所', '城南派出所', '城北派出所', '开发区派出所'];

/** Police stations (派出所) per county, for the face-to-face step. */
export const STATIONS: Record<string, readonly string[]> = {
  '330602': ['府山派出所', '北海派出所', '塔山派出所', '城南派出所'],
  '330603': ['柯桥派出所', '华舍派出所', '钱清派出所', '齐贤派出所'],
  '330604': ['百官派出所', '曹娥派出所', '崧厦派出所', '丰惠派出所'],
  '330624': ['南明派出所', '七星派出所', '澄潭派出所'],
  '330681': ['暨阳派出所', '浣东派出所', '陶朱派出所', '店口派出所'],
  '330683': ['剡湖派出所', '三江派出所', '鹿山派出所', '长乐派出所'],
};

function normalise(values: number[]): number[] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.map((v) => v / mean);
}

/** Fraud follows the calendar: Spring Festival (Jan–Feb) and Double 11 (Nov) are busier. */
export const MONTHLY_SEASON = [1.1, 1.15, 0.95, 0.95, 1.0, 1.0, 0.95, 0.95, 1.0, 1.0, 1.1, 1.05];

/**
 * The season on one day: the monthly figure holds mid-month and blends into the next month's
 * day by day, so no midnight jumps (a day compares with the one before it).
 */
export function seasonOf(dayKey: string): number {
  const month = Number(dayKey.slice(5, 7)) - 1;
  const dayOfMonth = Number(dayKey.slice(8, 10));
  // Distance from mid-month in months: −0.5 on the 1st, +0.5 at the month's end.
  const offset = (dayOfMonth - 15.5) / 30.5;
  const neighbour = (month + (offset < 0 ? 11 : 1)) % 12;
  const here = MONTHLY_SEASON[month] ?? 1;
  return here + ((MONTHLY_SEASON[neighbour] ?? 1) - here) * Math.abs(offset);
}

export interface RateFactors {
  readonly warnings: number;
  readonly money: number;
  readonly casesFiled: number;
  readonly caseLoss: number;
  readonly casesSolved: number;
  readonly arrests: number;
}

/**
 * Each year before this one was worse, as the province's 2021 figures against 2020 say: cases
 * filed −31.3 %, losses −14.1 %, cases solved +31.1 %, arrests +149.3 %; fewer warnings and
 * less money saved, as the platforms were younger.
 */
const LAST_YEAR: RateFactors = {
  warnings: 0.85,
  money: 0.8,
  casesFiled: 1 / 0.687,
  caseLoss: 1 / 0.859 / (1 / 0.687),
  casesSolved: 1 / 1.311,
  arrests: 1 / 2.493,
};

/**
 * The trend `yearsBefore` years before now. It changes a little every day rather than at New
 * Year, so a year's balance holds for any two dates a year apart and no 1 January jumps from
 * the day before; it is scaled so the twelve months up to now average the profile's figures.
 */
function trend(lastYear: number, yearsBefore: number): number {
  const yearMean = (lastYear - 1) / Math.log(lastYear);
  return lastYear ** yearsBefore / yearMean;
}

/** How busy a day is against the profile's figures, `yearsBefore` years before now (≥ 0). */
export function rateFactors(dayKey: string, yearsBefore: number): RateFactors {
  const season = seasonOf(dayKey);
  return {
    warnings: season * trend(LAST_YEAR.warnings, yearsBefore),
    money: season * trend(LAST_YEAR.money, yearsBefore),
    casesFiled: season * trend(LAST_YEAR.casesFiled, yearsBefore),
    caseLoss: trend(LAST_YEAR.caseLoss, yearsBefore),
    casesSolved: season * trend(LAST_YEAR.casesSolved, yearsBefore),
    arrests: season * trend(LAST_YEAR.arrests, yearsBefore),
  };
}
