// The rules of an escalation's steps, written once: which step may follow which, and when a
// step carries an outcome. The event schema, the projection, the operator's request, the step
// decider and the console's buttons all ask these.
import { isFaceToFace, stageRank, type EscalationOutcome, type EscalationStage, type EscalationStep } from '../vocabulary';

/** Where an escalation stands: its stage, and which face-to-face steps it has had. */
export interface StepPosition {
  readonly stage: EscalationStage;
  readonly stationAtMs?: number;
  readonly gridAtMs?: number;
}

/**
 * Steps only move forward: opened → comms → face to face → resolved. At the door, the station
 * and the grid worker may each come once, in either order, before the report back.
 */
export function movesForward(from: StepPosition, to: EscalationStage): boolean {
  if (isFaceToFace(from.stage) && isFaceToFace(to)) return (to === 'station' ? from.stationAtMs : from.gridAtMs) === undefined;
  return stageRank(to) > stageRank(from.stage);
}

/** The outcome rule: what is wrong with a step's outcome, if anything (the field is `outcome`). */
export function outcomeIssue(step: EscalationStep, outcome: EscalationOutcome | undefined): string | undefined {
  if (step === 'resolved' && outcome === undefined) return 'is required when step is resolved';
  if (step !== 'resolved' && outcome !== undefined) return 'is only allowed when step is resolved';
  return undefined;
}
