// Which requests carry a target's waiting messages this round, within what its minute has left
// (the robots take 20 a minute; DingTalk then blocks for 10 minutes). What would exceed it goes
// out as one digest rather than waiting or being dropped, and an alarm repeated while the target
// was unreachable is said once, in its newest words: the older repeats ride along and are
// settled with it.
import { digestOf, type AlertMessage } from './alert-message';
import type { OutboxMessage } from './alerts-api';

/** Messages a target takes in a minute: the DingTalk and WeCom robots' documented limit. */
export const PER_TARGET_PER_MINUTE = 20;

export interface PlannedRequest {
  readonly ids: readonly number[];
  readonly message: AlertMessage;
}

/** `waiting` oldest first; `left`: requests the target may still take this minute. */
export function planDeliveries(waiting: readonly OutboxMessage[], left: number): PlannedRequest[] {
  if (left <= 0 || waiting.length === 0) return [];
  const bySubject = new Map<string, OutboxMessage[]>();
  for (const message of waiting) {
    const same = bySubject.get(message.subject);
    if (same) same.push(message);
    else bySubject.set(message.subject, [message]);
  }
  // One per subject, in the order their first message waited, each in its newest words.
  const single = [...bySubject.values()].map((same): PlannedRequest => ({ ids: same.map((m) => m.id), message: same.at(-1)!.message }));
  if (single.length <= left) return single;
  const alone = single.slice(0, left - 1);
  const rest = single.slice(left - 1);
  return [...alone, { ids: rest.flatMap((r) => r.ids), message: digestOf(rest.map((r) => r.message)) }];
}
