// Warnings and escalations as both engines' tables hold them, and back into records.
import type { EscalationRecord, ProjectionContext, WarningRecord } from '../../../shared/aggregate/records';
import type { EscalationOutcome, EscalationStage, FraudType, RiskLevel, WarningSource } from '../../../shared/vocabulary';

export interface WarningRow {
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

export interface EscalationRow {
  warning_id: string;
  n: number;
  county: string;
  opened_ms: number;
  stage: string;
  stage_ms: number;
  station: string | null;
  outcome: string | null;
  holder: string | null;
  grid: string | null;
  station_ms: number | null;
  grid_ms: number | null;
}

export interface FirstContactRow {
  warning_id: string;
  first: number;
}

/** The projection context of each warning that has one; warnings nothing is known of are absent. */
export function contextsOf(warnings: readonly WarningRow[], latestEscalations: readonly EscalationRow[], firstContacts: readonly FirstContactRow[]): Map<string, ProjectionContext> {
  const contexts = new Map<string, { warning?: WarningRecord; escalation?: EscalationRecord; firstContactMs?: number }>();
  const entry = (id: string) => contexts.get(id) ?? contexts.set(id, {}).get(id)!;
  for (const row of warnings) entry(row.id).warning = toWarning(row);
  for (const row of latestEscalations) entry(row.warning_id).escalation = toEscalation(row);
  for (const row of firstContacts) entry(row.warning_id).firstContactMs = row.first;
  return contexts;
}

// Rows hold only values the schema let through, so the narrowing casts below are safe.
export function toWarning(row: WarningRow): WarningRecord {
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

export function toEscalation(row: EscalationRow): EscalationRecord {
  return {
    warningId: row.warning_id,
    n: row.n,
    county: row.county,
    openedAtMs: row.opened_ms,
    stage: row.stage as EscalationStage,
    stageAtMs: row.stage_ms,
    ...(row.station === null ? {} : { station: row.station }),
    ...(row.station_ms === null ? {} : { stationAtMs: Number(row.station_ms) }),
    ...(row.grid === null ? {} : { grid: row.grid }),
    ...(row.grid_ms === null ? {} : { gridAtMs: Number(row.grid_ms) }),
    ...(row.outcome === null ? {} : { outcome: row.outcome as EscalationOutcome }),
    ...(row.holder === null ? {} : { holder: row.holder }),
  };
}
