// Valid events for the benchmarks: the demo's simulated center, stamped with real times.
import { regionPack } from '../shared/region';
import { ZonedCalendar } from '../shared/time/zoned-calendar';
import { Random } from '../server/simulator/random';
import { SimulatedCenter } from '../server/simulator/simulated-center';

/** Simulated events with real timestamps ending now, so every one is valid. */
export function makeEvents(count: number, seed: number, endMs = Date.now()): Record<string, unknown>[] {
  const calendar = new ZonedCalendar('Asia/Shanghai');
  const out: Record<string, unknown>[] = [];
  // A simulated day has about 2,500 events: go back far enough to get `count`.
  const days = Math.ceil(count / 2_000) + 1;
  const center = new SimulatedCenter(regionPack('shaoxing'), calendar, new Random(seed), `b${seed}`, endMs - days * 86_400_000);
  for (const { simMs, body } of center.advance(endMs)) {
    out.push({ ...body, at: calendar.isoWithOffset(Math.round(simMs)) });
    if (out.length === count) break;
  }
  return out;
}

