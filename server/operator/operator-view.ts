// The console's list: open escalations, oldest first, victims unmasked, each with its history.
// Bounded however many are open: the oldest `limit`, and the newest HISTORY_LIMIT events of each.
import type { OpenEscalation } from '../../shared/aggregate/records';
import type { OperatorEscalation } from '../../shared/protocol/operator-view';
import type { FraudEvent } from '../../shared/schema/events';
import type { ZonedCalendar } from '../../shared/time/zoned-calendar';

export const HISTORY_LIMIT = 50;

/** What the list is read from: each engine's projection tables and event log. */
export interface OpenEscalationSource {
  /** The `limit` open escalations opened first (ties by warning id); `within`: a scope's counties, or null for all. */
  oldestOpenEscalations(limit: number, within: readonly string[] | null): OpenEscalation[] | Promise<OpenEscalation[]>;
  /** Each warning and everything that happened to it, in time order: the newest `limit` events of each. */
  historiesOf(warningIds: readonly string[], limit: number): Map<string, FraudEvent[]> | Promise<Map<string, FraudEvent[]>>;
}

export async function operatorEscalations(
  source: OpenEscalationSource,
  calendar: ZonedCalendar,
  limit: number,
  within: readonly string[] | null,
): Promise<OperatorEscalation[]> {
  const iso = (ms: number) => calendar.isoWithOffset(ms);
  const open = await source.oldestOpenEscalations(limit, within);
  const histories = await source.historiesOf(open.map(({ escalation }) => escalation.warningId), HISTORY_LIMIT);
  return open.map(({ escalation, warning }) => ({
    warningId: escalation.warningId,
    county: escalation.county,
    openedAt: iso(escalation.openedAtMs),
    step: escalation.stage,
    stepAt: iso(escalation.stageAtMs),
    phone: warning?.phone ?? null,
    ...(warning?.name === undefined ? {} : { name: warning.name }),
    ...(warning
      ? {
          fraudType: warning.fraudType,
          warning: { at: iso(warning.atMs), level: warning.level, source: warning.source, fraudType: warning.fraudType },
        }
      : {}),
    ...(escalation.station === undefined ? {} : { station: escalation.station }),
    history: histories.get(escalation.warningId) ?? [],
  }));
}
