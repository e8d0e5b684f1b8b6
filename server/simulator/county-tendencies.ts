// Counties are not alike: one center's callers reach people faster, another's stations report
// back sooner, a third's cases are falling faster. Each county gets its own tendencies, drawn
// from its adcode alone — the same on every run, every day and every restart — so the
// anti-fraud index ranks something real and a county keeps its place from day to day.
import { Random } from './random';

export interface CountyTendency {
  /** −1…1: how much better (or worse) than usual its callers dissuade, and the fewer they cannot reach. */
  readonly dissuasion: number;
  /** 0.6…1.6: a multiple of the usual time to the first call (under 1 is faster). */
  readonly firstCallPace: number;
  /** 0.7…1.45: a multiple of the usual time for the station to see the person and report back. */
  readonly reportPace: number;
  /** 0.7…1.3: money stopped and recovered, against its people. */
  readonly money: number;
  /** −0.25…0.25: how much more of the region's cases it had a year before (positive: falling faster). */
  readonly caseTrend: number;
}

const cache = new Map<string, CountyTendency>();

export function countyTendency(adcode: string): CountyTendency {
  let tendency = cache.get(adcode);
  if (!tendency) {
    // Seeded by the adcode's digits: stable, and unrelated between neighbours.
    const random = new Random(Number(adcode) * 2_654_435_761);
    tendency = {
      dissuasion: random.between(-1, 1),
      firstCallPace: random.between(0.6, 1.6),
      reportPace: random.between(0.7, 1.45),
      money: random.between(0.7, 1.3),
      caseTrend: random.between(-0.25, 0.25),
    };
    cache.set(adcode, tendency);
  }
  return tendency;
}
