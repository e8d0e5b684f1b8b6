// The counters kept per calendar day and county. One name each, so the store's rollups, the
// live wall state and (later) the statistics all read the same figures.
import type {
  CaseKind,
  ContactResult,
  EscalationOutcome,
  FraudType,
  InterceptionKind,
  RiskLevel,
  WarningSource,
} from '../vocabulary';

export type Metric =
  | 'warnings'
  | `level.${RiskLevel}`
  | `source.${WarningSource}`
  | `type.${FraudType}`
  | `contact.${ContactResult}`
  | 'escalation.opened'
  | 'escalation.resolved'
  | `outcome.${EscalationOutcome}`
  | `intercept.${InterceptionKind}`
  | `case.${CaseKind}`
  | 'case.lossFen';

export interface CounterChange {
  readonly day: string;
  readonly county: string;
  readonly metric: Metric;
  readonly delta: number;
}

/** Today's warning volume per 10-minute bucket, by current risk level. */
export interface VolumeChange {
  readonly day: string;
  readonly bucket: number;
  readonly level: RiskLevel;
  readonly delta: number;
}
