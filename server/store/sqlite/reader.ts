// The store's reading thread: statistics over years, the console's list with its histories,
// station suggestions and dead letters, on a read-only connection of its own (WAL lets it
// read while the writer writes). Answers leave already encoded.
import path from 'node:path';
import Database from 'better-sqlite3';
import { RegionScopes, regionPack } from '../../../shared/region';
import { ZonedCalendar } from '../../../shared/time/zoned-calendar';
import { operatorEscalations } from '../../operator/operator-view';
import { computeStats, type StatsDeps, type StatsPeriod } from '../../stats/compute-stats';
import { StatsQuery } from '../../stats/stats-query';
import { SqliteRollupSums } from './rollup-sums';
import { auditAnswer, type AuditQuery } from '../../audit/audit-chain';
import { SqliteAudit } from './audit';
import { DeadLetters } from './dead-letters';
import { EventLog } from './event-log';
import { DATABASE_FILE } from './open-database';
import { ProjectionTables } from './projection-tables';
import type { ReaderApi } from '../store';
import type { StoreSettings } from '../store-settings';

export class StoreReader implements ReaderApi {
  readonly #db: Database.Database;
  readonly #calendar: ZonedCalendar;
  readonly #tables: ProjectionTables;
  readonly #log: EventLog;
  readonly #deadLetters: DeadLetters;
  readonly #stats: StatsDeps;
  readonly #audit: SqliteAudit;

  /** Opens after the writer, which creates and migrates the database. */
  constructor(settings: StoreSettings) {
    this.#db = new Database(path.join(settings.dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
    this.#db.pragma('busy_timeout = 5000');
    this.#calendar = new ZonedCalendar(settings.timeZone);
    this.#tables = new ProjectionTables(this.#db);
    this.#log = new EventLog(this.#db);
    this.#deadLetters = new DeadLetters(this.#db);
    this.#audit = new SqliteAudit(this.#db);
    this.#stats = {
      query: new StatsQuery(new SqliteRollupSums(this.#db)),
      scopes: new RegionScopes(regionPack(settings.region)),
      index: settings.index,
      redMinutes: settings.redMinutes,
    };
  }

  async statsJson(period: StatsPeriod): Promise<string> {
    return JSON.stringify(await computeStats(period, this.#stats));
  }

  async operatorEscalationsJson(limit: number, within: readonly string[] | null): Promise<string> {
    const source = {
      oldestOpenEscalations: (n: number, scope: readonly string[] | null) => this.#tables.oldestOpenEscalations(n, scope),
      historiesOf: (ids: readonly string[], n: number) => new Map(ids.map((id) => [id, this.#log.historyOf(id, n)])),
    };
    return JSON.stringify(await operatorEscalations(source, this.#calendar, limit, within));
  }

  stations(county: string, limit: number): string[] {
    return this.#tables.stationsUsedIn(county, limit);
  }

  rejectedJson(limit: number, within: readonly string[] | null): string {
    return JSON.stringify(
      this.#deadLetters.newest(limit, within).map((letter) => ({ ...letter, receivedAt: this.#calendar.isoWithOffset(letter.receivedAt) })),
    );
  }

  auditJson(query: AuditQuery): string {
    return JSON.stringify(auditAnswer(this.#audit.newest(query), this.#calendar));
  }

  close(): void {
    this.#db.close();
  }
}
