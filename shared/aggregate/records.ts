// What the store remembers about warnings and escalations between events: just enough for
// the next event's projection (contract.md, "Semantics").
import type { EscalationOutcome, EscalationStage, FraudType, RiskLevel, WarningSource } from '../vocabulary';

export interface WarningRecord {
  readonly id: string;
  readonly county: string;
  readonly day: string;
  readonly bucket: number;
  readonly atMs: number;
  /** The level the warning was issued with; it counts as high once it has had an escalation. */
  readonly level: RiskLevel;
  readonly source: WarningSource;
  readonly fraudType: FraudType;
  readonly phone: string;
  readonly name?: string;
}

export interface EscalationRecord {
  readonly warningId: string;
  /** 1 for a warning's first escalation, 2 for one reopened after a resolution, … */
  readonly n: number;
  readonly county: string;
  /** Earliest `at` among the events that belong to this escalation. */
  readonly openedAtMs: number;
  readonly stage: EscalationStage;
  /** `at` of the event that moved it to its current stage. */
  readonly stageAtMs: number;
  readonly station?: string;
  /** When the police station was sent to the door (its `station` step), if it was. */
  readonly stationAtMs?: number;
  /** The community grid that went to the door (警格+网格), and when: its `grid` step. */
  readonly grid?: string;
  readonly gridAtMs?: number;
  readonly outcome?: EscalationOutcome;
  /** The account on it (claim-event.ts), until released or taken over. */
  readonly holder?: string;
}

/** An escalation still being worked: opened, comms or station. */
export type OpenEscalationRecord = EscalationRecord & { readonly stage: Exclude<EscalationStage, 'resolved'> };

export function isOpen(escalation: EscalationRecord): escalation is OpenEscalationRecord {
  return escalation.stage !== 'resolved';
}

/** An open escalation with what is known of its victim (nothing, until the warning arrives). */
export interface OpenEscalation {
  readonly escalation: OpenEscalationRecord;
  readonly warning?: WarningRecord;
}

/** What a projection reads: the warning an event refers to and that warning's latest escalation. */
export interface ProjectionContext {
  readonly warning?: WarningRecord;
  readonly escalation?: EscalationRecord;
  /** The earliest `at` of the calls already stored for the warning. */
  readonly firstContactMs?: number;
}
