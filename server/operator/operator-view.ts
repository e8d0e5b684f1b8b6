// The console's list: open escalations, oldest first, victims unmasked, each with its history.
// Bounded however many are open: the oldest `limit`, and the newest HISTORY_LIMIT events of each.
import { faceToFaceTimes } from '../../shared/aggregate/face-to-face';
import type { OpenEscalation } from '../../shared/aggregate/records';
import type { OperatorEscalation } from '../../shared/protocol/operator-view';
import type { StoredEvent } from '../../shared/schema/claim-event';
import type { ZonedCalendar } from '../../shared/time/zoned-calendar';

export const HISTORY_LIMIT = 50;

/** What the list is read from: each engine's projection tables and event log. */
export interface OpenEscalationSource {
  /** The `limit` open escalations opened first (ties by warning id); `within`: a scope's counties, or null for all. */
  oldestOpenEscalations(limit: number, within: readonly string[] | null): OpenEscalation[] | Promise<OpenEscalation[]>;
  /** Each warning and everything that happened to it, in time order: the newest `limit` events of each. */
  historiesOf(warningIds: readonly string[], limit: number): Map<string, StoredEvent[]> | Promise<Map<string, StoredEvent[]>>;
  /** The display names of those of `usernames` that have one. */
  displayNames(usernames: readonly string[]): Map<string, string> | Promise<Map<string, string>>;
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
  const people = (warningId: string, holder: string | undefined) => {
    const claims = (histories.get(warningId) ?? []).flatMap((event) => (event.type === 'claim' ? [event.by, ...(event.from === undefined ? [] : [event.from])] : []));
    return [...new Set([...(holder === undefined ? [] : [holder]), ...claims])];
  };
  const names = await source.displayNames([...new Set(open.flatMap(({ escalation }) => people(escalation.warningId, escalation.holder)))]);
  const nameOf = (username: string) => names.get(username) ?? username;
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
    ...(escalation.grid === undefined ? {} : { grid: escalation.grid }),
    ...faceToFaceTimes(escalation, iso),
    ...(escalation.holder === undefined ? {} : { holder: { username: escalation.holder, name: nameOf(escalation.holder) } }),
    people: Object.fromEntries(people(escalation.warningId, escalation.holder).map((username) => [username, nameOf(username)])),
    history: histories.get(escalation.warningId) ?? [],
  }));
}
