// Batches that never cut a warning's story in two. A past day is posted in batches, and every
// event of one warning — the warning, its call, its escalation's steps — goes into the same
// batch, so an escalation of a past day opens and closes in one transaction and is never seen
// open on the live wall.
import type { PlannedEvent } from './simulated-center';

/** `planned` in time order → batches of at most `size` events (a longer chain gets one of its own). */
export function chainBatches(planned: readonly PlannedEvent[], size: number): PlannedEvent[][] {
  const chains = new Map<string, PlannedEvent[]>();
  for (const event of planned) {
    const key = String(event.body['warningId'] ?? event.body['id']);
    const chain = chains.get(key);
    if (chain) chain.push(event);
    else chains.set(key, [event]);
  }
  const batches: PlannedEvent[][] = [];
  let batch: PlannedEvent[] = [];
  for (const chain of chains.values()) {
    if (batch.length > 0 && batch.length + chain.length > size) {
      batches.push(batch);
      batch = [];
    }
    batch.push(...chain);
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
