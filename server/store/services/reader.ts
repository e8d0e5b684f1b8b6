// The reader's use cases, written once for both engines over their ports (ports.ts): statistics
// over years and their stations, the console's list with its histories, station suggestions, dead letters and the
// audit trail — answered already encoded, so the thread serving the walls only passes them on.
import { jsonText } from '../../../shared/protocol/json-text';
import type { RejectedEvent } from '../../../shared/protocol/rejected';
import { RegionScopes, regionPack } from '../../../shared/region';
import { ZonedCalendar } from '../../../shared/time/zoned-calendar';
import { auditAnswer } from '../../audit/audit-chain';
import { operatorEscalations } from '../../operator/operator-view';
import { computeStats, type StatsDeps } from '../../stats/compute-stats';
import { playbackBasis } from '../../playback/playback-basis';
import { computeStations } from '../../stats/compute-stations';
import { StatsQuery } from '../../stats/stats-query';
import type { ReaderPorts } from '../ports';
import type { ReaderApi } from '../store';
import type { StoreSettings } from '../store-settings';

export function readerService(ports: ReaderPorts, settings: StoreSettings): ReaderApi {
  const calendar = new ZonedCalendar(settings.timeZone);
  const scopes = new RegionScopes(regionPack(settings.region));
  const stats: StatsDeps = {
    query: new StatsQuery(ports.rollupSums, calendar),
    faceToFace: ports.faceToFace,
    calendar,
    scopes,
    index: settings.index,
    redMinutes: settings.redMinutes,
  };
  return {
    statsJson: async (period) => jsonText(await computeStats(period, stats)),
    stationStatsJson: async (period) => jsonText(await computeStations(period, { faceToFace: ports.faceToFace, scopes, calendar })),
    playbackBasis: (atMs) =>
      playbackBasis(atMs, {
        source: ports.playback,
        rollupSums: ports.rollupSums,
        histories: ports.openEscalations,
        query: stats.query,
        calendar,
        counties: scopes.region.counties.map((county) => county.adcode),
      }),
    operatorEscalationsJson: async (limit, within) => jsonText(await operatorEscalations(ports.openEscalations, calendar, limit, within)),
    stations: async (county, limit) => ports.stations(county, limit),
    async rejectedJson(limit, within) {
      const letters = await ports.newestDeadLetters(limit, within);
      return jsonText(letters.map((letter): RejectedEvent => ({ ...letter, receivedAt: calendar.isoWithOffset(letter.receivedAt) })));
    },
    auditJson: async (query) => jsonText(auditAnswer(await ports.audit.newest(query), calendar)),
    close: async () => ports.close(),
  };
}
