// GET /api/v1/escalations and GET /api/v1/stations: the console's view, for operators only.
import { Router } from 'express';
import { z } from 'zod';
import type { OperatorEscalation } from '../../shared/protocol/operator-view';
import type { ZonedCalendar } from '../../shared/time/zoned-calendar';
import type { AccessControl } from '../auth/access-control';
import type { EventStore } from '../store/event-store';

const STATION_SUGGESTIONS = 20;
const StationsQuery = z.object({ county: z.string().regex(/^\d{6}$/, 'must be a 6-digit adcode') });

export function escalationsRoute(access: AccessControl, store: EventStore, calendar: ZonedCalendar): Router {
  const router = Router();
  const iso = (ms: number) => calendar.isoWithOffset(ms);

  router.get('/api/v1/escalations', access.require('operator'), (_req, res) => {
    const open = store.tables
      .openEscalations()
      .sort(
        (a, b) =>
          a.escalation.openedAtMs - b.escalation.openedAtMs || a.escalation.warningId.localeCompare(b.escalation.warningId),
      );
    const view: OperatorEscalation[] = open.map(({ escalation, warning }) => ({
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
      history: store.log.historyOf(escalation.warningId),
    }));
    res.json(view);
  });

  router.get('/api/v1/stations', access.require('operator'), (req, res) => {
    const query = StationsQuery.safeParse(req.query);
    if (!query.success) {
      res.status(400).json({ error: query.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return;
    }
    res.json(store.tables.stationsUsedIn(query.data.county, STATION_SUGGESTIONS));
  });
  return router;
}
