// GET /api/v1/stats.xlsx and /api/v1/stats.csv (issue 27): the statistics of a period, its
// months against last year's, as a file for Excel or WPS — with the stats' own parameters and
// scope, computed on the store's reading thread like the stats. Each download is an audit
// record like the briefing's PNG (one a minute per viewer and address: without a viewer token
// anyone may ask).
import { Router } from 'express';
import type { Stats } from '../../shared/protocol/stats';
import { scopeOf, type AccessControl } from '../auth/access-control';
import type { AuditApi } from '../audit/audit-api';
import { RecentViews } from '../audit/recent-views';
import { requestActor } from '../audit/request-actor';
import { readQuery } from '../http/query';
import type { StatsApi } from '../stats/stats-api';
import { StatsRange } from '../stats/stats-route';
import { csvOf, xlsxOf } from './spreadsheet';
import { statsTables } from './stats-tables';

const FORMATS = {
  xlsx: { write: xlsxOf, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  csv: { write: csvOf, type: 'text/csv; charset=utf-8' },
} as const;

export function statsExportRoute(access: AccessControl, store: StatsApi & AuditApi, now: () => number): Router {
  const router = Router();
  const recent = new RecentViews();
  for (const [extension, format] of Object.entries(FORMATS)) {
    router.get(`/api/v1/stats.${extension}`, access.require('viewer'), access.scoped, async (req, res) => {
      const period = readQuery(StatsRange, req, res);
      if (!period) return;
      const scope = scopeOf(res);
      // Months against last year's, whatever the range: a file of at most 37 rows a table.
      const stats = JSON.parse(await store.statsJson({ ...period, groupBy: 'month', compare: 'previous_year', scope: scope.adcode, nowMs: now() })) as Stats;
      const file = await format.write(statsTables(stats));
      const actor = requestActor(req, res, 'viewer');
      if (recent.due(`${extension}\u0000${actor.actor}\u0000${actor.scope}\u0000${actor.address}`, now())) {
        await store.audit({ atMs: now(), ...actor, action: 'export', object: `stats-${extension} ${period.from}..${period.to}`, result: 'ok' });
      }
      const name = `${stats.scope.name}反诈统计_${period.from}_${period.to}.${extension}`;
      res
        .status(200)
        .type(format.type)
        .set('content-disposition', `attachment; filename="fraudwall-stats.${extension}"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(file);
    });
  }
  return router;
}
