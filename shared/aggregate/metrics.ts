// The counters kept per calendar day and county. One name each, so the store's rollups, the
// live wall state and (later) the statistics all read the same figures.
import type {
  CaseKind,
  ContactResult,
  CountedChannel,
  EscalationOutcome,
  FraudType,
  InterceptionKind,
  OutreachUnit,
  RiskLevel,
  WarningSource,
} from '../vocabulary';

/** A warning counts as called in time when its first call comes within this many minutes. */
export const TIMELY_CONTACT_MINUTES = 10;
/** Resolution times are counted against these limits, so a configured SLA can be read back later. */
export const CLOSURE_LIMITS_MINUTES = [15, 20, 30, 45, 60, 90, 120] as const;
export type ClosureLimit = (typeof CLOSURE_LIMITS_MINUTES)[number];

export type Metric =
  | 'warnings'
  | `level.${RiskLevel}`
  | `source.${WarningSource}`
  | `type.${FraudType}`
  | `contact.${ContactResult}`
  /** The same calls again, by the channel they went out on. */
  | `channel.${CountedChannel}.${ContactResult}`
  | 'escalation.opened'
  | 'escalation.resolved'
  | `outcome.${EscalationOutcome}`
  | `intercept.${InterceptionKind}`
  | `case.${CaseKind}`
  | 'case.lossFen'
  /** Outreach sessions and the people they reached, in all and by the unit that gave them. */
  | 'outreach.sessions'
  | 'outreach.people'
  | `outreach.${OutreachUnit}.sessions`
  | `outreach.${OutreachUnit}.people`
  /** Warnings whose first call came within TIMELY_CONTACT_MINUTES. */
  | 'warning.timely'
  /** Escalations resolved within N minutes of opening (cumulative: 15 ⊂ 20 ⊂ … ⊂ 120). */
  | `resolved.within.${ClosureLimit}`;

export interface CounterChange {
  readonly day: string;
  readonly county: string;
  readonly metric: Metric;
  readonly delta: number;
}

/** Warning volume per day, county and 10-minute bucket, by current risk level. */
export interface VolumeChange {
  readonly day: string;
  readonly county: string;
  readonly bucket: number;
  readonly level: RiskLevel;
  readonly delta: number;
}
