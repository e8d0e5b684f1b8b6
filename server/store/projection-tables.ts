// Warnings and escalations as the projection needs them: the context of the next event.
import type { Database } from 'better-sqlite3';
import { isOpen, type EscalationRecord, type OpenEscalation, type ProjectionContext, type WarningRecord } from '../../shared/aggregate/records';
import type { EscalationOutcome, EscalationStage, FraudType, RiskLevel, WarningSource } from '../../shared/vocabulary';

interface WarningRow {
  id: string;
  county: string;
  day: string;
  bucket: number;
  at_ms: number;
  level: string;
  source: string;
  fraud_type: string;
  phone: string;
  name: string | null;
}

interface EscalationRow {
  warning_id: string;
  n: number;
  county: string;
  opened_ms: number;
  stage: string;
  stage_ms: number;
  station: string | null;
  outcome: string | null;
}

export class ProjectionTables {
  readonly #warning;
  readonly #insertWarning;
  readonly #latestEscalation;
  readonly #upsertEscalation;
  readonly #open;
  readonly #firstContact;

  constructor(db: Database) {
    this.#warning = db.prepare<[string], WarningRow>('SELECT * FROM warnings WHERE id = ?');
    this.#insertWarning = db.prepare(
      `INSERT INTO warnings (id, county, day, bucket, at_ms, level, source, fraud_type, phone, name)
       VALUES (@id, @county, @day, @bucket, @atMs, @level, @source, @fraudType, @phone, @name)`,
    );
    this.#latestEscalation = db.prepare<[string], EscalationRow>(
      'SELECT * FROM escalations WHERE warning_id = ? ORDER BY n DESC LIMIT 1',
    );
    this.#upsertEscalation = db.prepare(
      `INSERT OR REPLACE INTO escalations (warning_id, n, county, opened_ms, stage, stage_ms, station, outcome)
       VALUES (@warningId, @n, @county, @openedAtMs, @stage, @stageAtMs, @station, @outcome)`,
    );
    this.#open = db.prepare<[], EscalationRow>("SELECT * FROM escalations WHERE stage <> 'resolved'");
    this.#firstContact = db.prepare<[string], { first: number | null }>(
      "SELECT min(at_ms) AS first FROM events WHERE warning_id = ? AND type = 'contact'",
    );
  }

  contextFor(warningId: string | undefined): ProjectionContext {
    if (warningId === undefined) return {};
    const warning = this.#warning.get(warningId);
    const escalation = this.#latestEscalation.get(warningId);
    const firstContact = this.#firstContact.get(warningId)?.first ?? null;
    return {
      ...(warning ? { warning: toWarning(warning) } : {}),
      ...(escalation ? { escalation: toEscalation(escalation) } : {}),
      ...(firstContact === null ? {} : { firstContactMs: firstContact }),
    };
  }

  warning(id: string): WarningRecord | undefined {
    const row = this.#warning.get(id);
    return row ? toWarning(row) : undefined;
  }

  saveWarning(warning: WarningRecord): void {
    this.#insertWarning.run({ ...warning, name: warning.name ?? null });
  }

  saveEscalation(escalation: EscalationRecord): void {
    this.#upsertEscalation.run({ ...escalation, station: escalation.station ?? null, outcome: escalation.outcome ?? null });
  }

  openEscalations(): OpenEscalation[] {
    return this.#open
      .all()
      .map(toEscalation)
      .filter(isOpen)
      .map((escalation) => {
        const warning = this.warning(escalation.warningId);
        return { escalation, ...(warning ? { warning } : {}) };
      });
  }
}

// Rows hold only values the schema let through, so the narrowing casts below are safe.
function toWarning(row: WarningRow): WarningRecord {
  return {
    id: row.id,
    county: row.county,
    day: row.day,
    bucket: row.bucket,
    atMs: row.at_ms,
    level: row.level as RiskLevel,
    source: row.source as WarningSource,
    fraudType: row.fraud_type as FraudType,
    phone: row.phone,
    ...(row.name === null ? {} : { name: row.name }),
  };
}

function toEscalation(row: EscalationRow): EscalationRecord {
  return {
    warningId: row.warning_id,
    n: row.n,
    county: row.county,
    openedAtMs: row.opened_ms,
    stage: row.stage as EscalationStage,
    stageAtMs: row.stage_ms,
    ...(row.station === null ? {} : { station: row.station }),
    ...(row.outcome === null ? {} : { outcome: row.outcome as EscalationOutcome }),
  };
}
