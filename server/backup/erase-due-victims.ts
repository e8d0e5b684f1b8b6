// A restored database made fit to serve: every victim's data received before the cutoff erased,
// in the retention job's own chunks, however many it takes (nothing serves it meanwhile).
import { PII_CHUNK } from '../retention/retention-jobs';

/** Runs `chunk` until it passes over nothing; how many it passed over in all. */
export async function eraseDueVictims(chunk: (cutoffMs: number, limit: number) => number | Promise<number>, cutoffMs: number): Promise<number> {
  let passed = 0;
  for (let done = await chunk(cutoffMs, PII_CHUNK); done > 0; done = await chunk(cutoffMs, PII_CHUNK)) passed += done;
  return passed;
}
