// Valid events for the benchmarks: the demo's simulated center, stamped with real times.
import { regionPack, type RegionId } from '../shared/region';
import { centerSize } from '../server/simulator/center-size';
import { ZonedCalendar } from '../shared/time/zoned-calendar';
import { Random } from '../server/simulator/random';
import { SimulatedCenter } from '../server/simulator/simulated-center';

/** Simulated events with real timestamps ending now, so every one is valid. */
export function makeEvents(count: number, seed: number, endMs = Date.now(), regionId: RegionId = 'shaoxing'): Record<string, unknown>[] {
  const calendar = new ZonedCalendar('Asia/Shanghai');
  const out: Record<string, unknown>[] = [];
  // A simulated day has at least as many events as 0.85 of its warnings' mean: go back far enough to get `count`.
  const region = regionPack(regionId);
  const days = Math.ceil(count / (centerSize(region).warningsPerDay * 0.85)) + 1;
  const center = new SimulatedCenter(region, calendar, new Random(seed), `b${seed}`, endMs - days * 86_400_000);
  for (const { simMs, body } of center.advance(endMs)) {
    out.push({ ...body, at: calendar.isoWithOffset(Math.round(simMs)) });
    if (out.length === count) break;
  }
  return out;
}

