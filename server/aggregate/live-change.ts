// What one committed batch changes on the wall, summed by the store's thread so that the thread
// serving the walls applies a few hundred numbers however many thousand events the batch held.
import type { Metric } from '../../shared/aggregate/metrics';
import type { EscalationRecord, WarningRecord } from '../../shared/aggregate/records';
import { maskEvent, type MaskedEvent } from '../../shared/format/mask-event';
import type { RiskLevel } from '../../shared/vocabulary';
import { warningIdOf } from '../../shared/aggregate/project';
import type { AppliedEvent } from './applied-event';
import { isFraudEvent } from '../../shared/schema/claim-event';
import type { FraudEvent } from '../../shared/schema/events';
import type { RollupBatch } from './rollup-batch';

/** How many of a batch's newest events per county travel with it: a ticker's whole start list. */
export const RECENT_LIMIT = 30;

export interface LiveChange {
  /** Summed per day × county × metric. */
  readonly counters: readonly (readonly [day: string, county: string, metric: Metric, delta: number])[];
  readonly volume: readonly (readonly [day: string, county: string, bucket: number, level: RiskLevel, delta: number])[];
  /** The latest escalation of each warning the batch touched, with what is known of its victim. */
  readonly escalations: readonly { readonly escalation: EscalationRecord; readonly warning?: WarningRecord }[];
  /** The batch's newest events of each county (RECENT_LIMIT at most per county), newest first, masked. */
  readonly recent: readonly MaskedEvent[];
  /** The walls' scenes or playlists changed (issue 25): every node reads them again. */
  readonly control?: true;
  /** The warnings' feeds the batch heard from, and when it was received (issue 26): the same on every node. */
  readonly feeds?: readonly (readonly [source: string, receivedMs: number])[];
}

export const NO_CHANGE: LiveChange = { counters: [], volume: [], escalations: [], recent: [] };
export const CONTROL_CHANGE: LiveChange = { ...NO_CHANGE, control: true };

export function collectLiveChange(applied: readonly AppliedEvent[], rollups: RollupBatch, receivedMs: number): LiveChange {
  const feeds = new Set<string>();
  for (const { event } of applied) if (event.type === 'warning') feeds.add(event.source);
  const escalations = new Map<string, { escalation: EscalationRecord; warning?: WarningRecord }>();
  for (const { event, context, projection } of applied) {
    const warningId = warningIdOf(event);
    if (warningId === undefined || !(projection.escalation || projection.warning)) continue;
    const escalation = projection.escalation ?? context.escalation;
    const warning = projection.warning ?? context.warning;
    if (escalation) escalations.set(warningId, { escalation, ...(warning ? { warning } : {}) });
  }
  return {
    counters: rollups.counterChanges(),
    volume: rollups.volumeChanges(),
    escalations: [...escalations.values()],
    recent: newestPerCounty(applied).map(maskEvent),
    ...(feeds.size > 0 ? { feeds: [...feeds].map((source) => [source, receivedMs] as const) } : {}),
  };
}

/** Walks the batch from its newest event back, keeping each county's newest few fraud events: a county's wall gets its own even from a province-wide batch. */
function newestPerCounty(applied: readonly AppliedEvent[]): FraudEvent[] {
  const kept = new Map<string, number>();
  const newest: FraudEvent[] = [];
  for (let i = applied.length - 1; i >= 0; i--) {
    const { event } = applied[i]!;
    // A claim is the room's own business, not news for the ticker.
    if (!isFraudEvent(event)) continue;
    const count = kept.get(event.county) ?? 0;
    if (count >= RECENT_LIMIT) continue;
    kept.set(event.county, count + 1);
    newest.push(event);
  }
  return newest;
}
