// The console's list: open escalations, oldest first, victims unmasked, each with its history.
// Bounded however many are open: the oldest `limit`, and the newest HISTORY_LIMIT events of each.
import type { OperatorEscalation } from '../../shared/protocol/operator-view';
import type { ZonedCalendar } from '../../shared/time/zoned-calendar';
import type { EventLog } from '../store/event-log';
import type { ProjectionTables } from '../store/projection-tables';

export const HISTORY_LIMIT = 50;

export function operatorEscalations(
  tables: ProjectionTables,
  log: EventLog,
  calendar: ZonedCalendar,
  limit: number,
  within: readonly string[] | null,
): OperatorEscalation[] {
  const iso = (ms: number) => calendar.isoWithOffset(ms);
  return tables.oldestOpenEscalations(limit, within).map(({ escalation, warning }) => ({
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
    history: log.historyOf(escalation.warningId, HISTORY_LIMIT),
  }));
}
