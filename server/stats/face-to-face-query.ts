// Face-to-face work (警格+网格, issue 27) over a period, from the escalations as stored: those
// reported back in the period that had a station's or a grid worker's step, grouped in SQL so an
// answer is bounded whatever the volume — by who went (station, grid, both), and by station with
// the minutes from dispatch to report in whole minutes (a station × minute histogram), from
// which the median is read.
export const MINUTES_CAPPED_AT = 240;

export interface ByWhoRow {
  station: number;
  grid: number;
  escalations: number;
  dissuaded: number;
}

export interface StationMinutesRow {
  county: string;
  station: string;
  minutes: number;
  escalations: number;
  dissuaded: number;
}

/** What each engine answers: reported back in [fromMs, toMs), within the counties given. */
export interface FaceToFaceSource {
  byWho(fromMs: number, toMs: number, counties: readonly string[]): ByWhoRow[] | Promise<ByWhoRow[]>;
  stationMinutes(fromMs: number, toMs: number, counties: readonly string[]): StationMinutesRow[] | Promise<StationMinutesRow[]>;
}

const DISSUADED = "sum(CASE WHEN outcome = 'dissuaded' THEN 1 ELSE 0 END)";
const REPORTED_IN = (from: string, to: string, countyIn: string) =>
  `FROM escalations WHERE stage = 'resolved' AND stage_ms >= ${from} AND stage_ms < ${to} AND ${countyIn}`;

/** Either engine's statement: `from`, `to` and `countyIn` are its placeholders and its way to say "county is in the list". */
export function byWhoSql(from: string, to: string, countyIn: string): string {
  return `SELECT CASE WHEN station_ms IS NULL THEN 0 ELSE 1 END AS station, CASE WHEN grid_ms IS NULL THEN 0 ELSE 1 END AS grid,
      count(*) AS escalations, ${DISSUADED} AS dissuaded
    ${REPORTED_IN(from, to, countyIn)} AND (station_ms IS NOT NULL OR grid_ms IS NOT NULL) GROUP BY 1, 2`;
}

export function stationMinutesSql(from: string, to: string, countyIn: string): string {
  const minutes = `(stage_ms - station_ms) / 60000`;
  return `SELECT county, station, CASE WHEN ${minutes} > ${MINUTES_CAPPED_AT} THEN ${MINUTES_CAPPED_AT} ELSE ${minutes} END AS minutes,
      count(*) AS escalations, ${DISSUADED} AS dissuaded
    ${REPORTED_IN(from, to, countyIn)} AND station_ms IS NOT NULL AND station IS NOT NULL GROUP BY 1, 2, 3`;
}
