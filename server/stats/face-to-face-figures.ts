// The period's face-to-face work read from face-to-face-query.ts's grouped rows: by who went to
// the door, and per police station with its median minutes from dispatch to report.
import type { FaceToFaceFigures, StationStats } from '../../shared/protocol/stats';
import type { ByWhoRow, StationMinutesRow } from './face-to-face-query';

export function faceToFaceFigures(rows: readonly ByWhoRow[]): FaceToFaceFigures {
  const figures: FaceToFaceFigures = {
    station: { escalations: 0, dissuaded: 0 },
    grid: { escalations: 0, dissuaded: 0 },
    both: { escalations: 0, dissuaded: 0 },
  };
  for (const row of rows) {
    const add = (into: { escalations: number; dissuaded: number }) => {
      into.escalations += Number(row.escalations);
      into.dissuaded += Number(row.dissuaded);
    };
    if (Number(row.station)) add(figures.station);
    if (Number(row.grid)) add(figures.grid);
    if (Number(row.station) && Number(row.grid)) add(figures.both);
  }
  return figures;
}

/** Per station (county by county in adcode order, most reached first), its median read from the minute histogram. */
export function stationStats(rows: readonly StationMinutesRow[], countyName: (adcode: string) => string): StationStats[] {
  const byStation = new Map<string, { county: string; station: string; histogram: [number, number][]; reached: number; dissuaded: number }>();
  for (const row of rows) {
    const key = `${row.county}\u0000${row.station}`;
    const entry = byStation.get(key) ?? { county: row.county, station: row.station, histogram: [], reached: 0, dissuaded: 0 };
    entry.histogram.push([Number(row.minutes), Number(row.escalations)]);
    entry.reached += Number(row.escalations);
    entry.dissuaded += Number(row.dissuaded);
    byStation.set(key, entry);
  }
  return [...byStation.values()]
    .map((entry) => ({
      county: entry.county,
      countyName: countyName(entry.county),
      station: entry.station,
      reached: entry.reached,
      dissuaded: entry.dissuaded,
      medianMinutes: medianOf(entry.histogram, entry.reached),
    }))
    .sort((a, b) => a.county.localeCompare(b.county) || b.reached - a.reached || a.station.localeCompare(b.station, 'zh-CN'));
}

/** The median of `total` values given as [value, how many] (the lower middle of an even count). */
function medianOf(histogram: [number, number][], total: number): number {
  histogram.sort((a, b) => a[0] - b[0]);
  let seen = 0;
  for (const [value, count] of histogram) {
    seen += count;
    if (seen * 2 >= total) return value;
  }
  return histogram[histogram.length - 1]?.[0] ?? 0;
}
