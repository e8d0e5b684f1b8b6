// SQLite's writer: the repositories the writer's use cases run over (ports.ts), on one
// connection owned by one thread — so the thread is the write lock, and every read it answers
// follows every write before it. Each committed change is told to the thread serving the walls
// before the answer leaves.
import path from 'node:path';
import { maskEvent } from '../../../shared/format/mask-event';
import { countedEvent } from '../../../shared/schema/counted-event';
import { addDays, ZonedCalendar } from '../../../shared/time/zoned-calendar';
import { RECENT_BASIS } from '../../aggregate/live-basis';
import { isFraudEvent } from '../../../shared/schema/claim-event';
import { collectLiveChange } from '../../aggregate/live-change';
import type { WriteTransaction, WriterPorts } from '../ports';
import type { Tell } from '../store';
import type { StoreSettings } from '../store-settings';
import { SqliteAccounts } from './accounts';
import { SqliteAudit } from './audit';
import { AuthFailures } from './auth-failures';
import { EventStore } from './event-store';
import { isSqliteFault } from './faults';
import { HealthMonitor } from './health';
import { DATABASE_FILE, openDatabase } from './open-database';
import { SCHEMA_VERSION } from './migrations';
import { SqlitePiiEraser } from './pii-eraser';
import { SqliteSessions } from './sessions';
import { SqliteSignInFailures } from './sign-in-failures';
import { SqliteSsoBindings } from './sso-bindings';
import { SqliteWallControl } from './wall-control';
import { SqliteAlerts } from './alerts';
import { SqliteFeeds } from './feeds';
import { SqliteSurges } from './surges';

/** Opens (creating and migrating if needed) the database in settings.dataDir. */
export function sqliteWriter(settings: StoreSettings, tell: Tell): WriterPorts {
  const db = openDatabase(settings.dataDir);
  const store = new EventStore(db, new ZonedCalendar(settings.timeZone));
  const health = new HealthMonitor(db, path.join(settings.dataDir, DATABASE_FILE));
  const authFailures = new AuthFailures(db);
  const countAuthFailure = db.transaction((address: string, nowMs: number) => authFailures.count(address, nowMs));
  const tx: WriteTransaction = {
    escalationOf: (warningId) => store.tables.contextFor(warningId).escalation,
    commit({ valid, invalid }, receivedMs) {
      const plan = store.commit(valid, invalid, receivedMs);
      // Told before the answer leaves: the wall learns of an event once it is committed, and the
      // sender's next snapshot already counts it.
      if (plan.applied.length > 0) tell({ kind: 'change', change: collectLiveChange(plan.applied, plan.rollups, receivedMs) });
      return plan;
    },
  };

  return {
    health,
    async underWriteLock(work) {
      health.assertWritable();
      // Every repository call answers at once, so `work` runs to its end before this thread
      // takes its next call: nothing else writes in between.
      try {
        return await work(tx);
      } catch (error) {
        // The disk's or the database's trouble makes health bad until a check proves otherwise; a bug does not.
        if (isSqliteFault(error)) health.writeFailed(error);
        throw error;
      }
    },
    liveBasis(day) {
      const { rollups, tables, log } = store;
      const yesterday = addDays(day, -1);
      return {
        day,
        today: rollups.countersOfDay(day),
        yesterday: rollups.countersOfDay(yesterday),
        year: rollups.yearToDay(day),
        volumeToday: rollups.volumeOfDay(day),
        volumeYesterday: rollups.volumeOfDay(yesterday),
        yesterdayWarnings: log.warningTimes(yesterday),
        open: tables.openEscalations(),
        // Under today's county, as the live stream carried them; enough for a ticker on every
        // county of a city, and on the busiest of the province (the rest fill in as events come).
        recent: log.newest(RECENT_BASIS).filter(isFraudEvent).map((event) => maskEvent(countedEvent(event))),
      };
    },
    openEscalationRecords: () => store.tables.openEscalations().map(({ escalation }) => escalation),
    hasEvents: () => !store.log.isEmpty(),
    countAuthFailure: (address, nowMs) => countAuthFailure(address, nowMs),
    addressFailures: (address) => authFailures.of(address),
    signInFailures: new SqliteSignInFailures(db),
    ssoBindings: new SqliteSsoBindings(db),
    accounts: new SqliteAccounts(db),
    sessions: new SqliteSessions(db),
    audit: new SqliteAudit(db, settings.auditKey),
    eraser: new SqlitePiiEraser(db, store.meta),
    wallControl: new SqliteWallControl(db, tell),
    alerts: new SqliteAlerts(db),
    feeds: new SqliteFeeds(db),
    surges: new SqliteSurges(db),
    metaGet: (key) => store.meta.get(key),
    metaSet: (key, value) => store.meta.set(key, value),
    databaseBytes: () => (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number),
    schemaVersions: () => ({ found: db.pragma('user_version', { simple: true }) as number, supported: SCHEMA_VERSION }),
    close: () => void db.close(),
  };
}
