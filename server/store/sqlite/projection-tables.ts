// Warnings and escalations as the projection needs them: the context of the next event.
import type { Database } from 'better-sqlite3';
import { isOpen, type EscalationRecord, type OpenEscalation, type ProjectionContext, type WarningRecord } from '../../../shared/aggregate/records';
import { contextsOf, toEscalation, toWarning, type EscalationRow, type WarningRow } from '../sql/projection-rows';

export class ProjectionTables {
  readonly #warning;
  readonly #warnings;
  readonly #insertWarning;
  readonly #latestEscalations;
  readonly #upsertEscalation;
  readonly #open;
  readonly #oldestOpen;
  readonly #firstContacts;
  readonly #countStation;
  readonly #stations;

  constructor(db: Database) {
    this.#warning = db.prepare<[string], WarningRow>('SELECT * FROM warnings WHERE id = ?');
    this.#insertWarning = db.prepare(
      `INSERT INTO warnings (id, county, day, bucket, at_ms, level, source, fraud_type, phone, name)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // The batch readers take their ids as one JSON array: three statements per batch, not per event.
    this.#warnings = db.prepare<[string], WarningRow>('SELECT * FROM warnings WHERE id IN (SELECT value FROM json_each(?))');
    this.#latestEscalations = db.prepare<[string], EscalationRow>(
      `SELECT e.* FROM escalations e
       JOIN (SELECT warning_id, max(n) AS n FROM escalations WHERE warning_id IN (SELECT value FROM json_each(?)) GROUP BY warning_id) latest
       USING (warning_id, n)`,
    );
    this.#upsertEscalation = db.prepare(
      `INSERT OR REPLACE INTO escalations (warning_id, n, county, opened_ms, stage, stage_ms, station, outcome, holder, grid, station_ms, grid_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#open = db.prepare<[], EscalationRow>("SELECT * FROM escalations WHERE stage <> 'resolved'");
    this.#oldestOpen = db.prepare<[{ limit: number; within: string | null }], EscalationRow>(
      `SELECT * FROM escalations WHERE stage <> 'resolved'
         AND (@within IS NULL OR county IN (SELECT value FROM json_each(@within)))
       ORDER BY opened_ms, warning_id LIMIT @limit`,
    );
    this.#firstContacts = db.prepare<[string], { warning_id: string; first: number }>(
      `SELECT warning_id, min(at_ms) AS first FROM events
       WHERE warning_id IN (SELECT value FROM json_each(?)) AND type = 'contact' GROUP BY warning_id`,
    );
    this.#countStation = db.prepare<[string, string]>(
      'INSERT INTO stations (county, station, uses) VALUES (?, ?, 1) ON CONFLICT (county, station) DO UPDATE SET uses = uses + 1',
    );
    this.#stations = db.prepare<[string, number], { station: string }>(
      'SELECT station FROM stations WHERE county = ? ORDER BY uses DESC, station LIMIT ?',
    );
  }

  /** A step named a police station: the console suggests the stations a county used most. */
  countStation(county: string, station: string): void {
    this.#countStation.run(county, station);
  }

  /** Police stations sent to in a county before, most used first. */
  stationsUsedIn(county: string, limit: number): string[] {
    return this.#stations.all(county, limit).map((row) => row.station);
  }

  contextFor(warningId: string): ProjectionContext {
    return this.contextsFor([warningId]).get(warningId) ?? {};
  }

  /** The projection context of each warning that has one; warnings nothing is known of are absent. */
  contextsFor(warningIds: readonly string[]): Map<string, ProjectionContext> {
    const ids = JSON.stringify(warningIds);
    return contextsOf(this.#warnings.all(ids), this.#latestEscalations.all(ids), this.#firstContacts.all(ids));
  }

  warning(id: string): WarningRecord | undefined {
    const row = this.#warning.get(id);
    return row ? toWarning(row) : undefined;
  }

  saveWarning(warning: WarningRecord): void {
    const w = warning;
    this.#insertWarning.run(w.id, w.county, w.day, w.bucket, w.atMs, w.level, w.source, w.fraudType, w.phone, w.name ?? null);
  }

  saveEscalation(escalation: EscalationRecord): void {
    const e = escalation;
    this.#upsertEscalation.run(
      e.warningId, e.n, e.county, e.openedAtMs, e.stage, e.stageAtMs, e.station ?? null, e.outcome ?? null, e.holder ?? null,
      e.grid ?? null, e.stationAtMs ?? null, e.gridAtMs ?? null,
    );
  }

  openEscalations(): OpenEscalation[] {
    return this.#withWarnings(this.#open.all());
  }

  /** The `limit` open escalations opened first (ties by warning id). */
  /** `within`: the counties of a scope, or null for all. */
  oldestOpenEscalations(limit: number, within: readonly string[] | null): OpenEscalation[] {
    return this.#withWarnings(this.#oldestOpen.all({ limit, within: within && JSON.stringify(within) }));
  }

  #withWarnings(rows: readonly EscalationRow[]): OpenEscalation[] {
    return rows
      .map(toEscalation)
      .filter(isOpen)
      .map((escalation) => {
        const warning = this.warning(escalation.warningId);
        return { escalation, ...(warning ? { warning } : {}) };
      });
  }
}
