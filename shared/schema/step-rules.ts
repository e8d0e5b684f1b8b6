// The rules of an escalation's steps, written once: which step may follow which, and when a
// step carries an outcome. The event schema, the projection, the operator's request, the step
// decider and the console's buttons all ask these.
import { stageRank, type EscalationOutcome, type EscalationStage, type EscalationStep } from '../vocabulary';

/** Steps only move forward: opened → comms → station → resolved. */
export function movesForward(from: EscalationStage, to: EscalationStage): boolean {
  return stageRank(to) > stageRank(from);
}

/** The outcome rule: what is wrong with a step's outcome, if anything (the field is `outcome`). */
export function outcomeIssue(step: EscalationStep, outcome: EscalationOutcome | undefined): string | undefined {
  if (step === 'resolved' && outcome === undefined) return 'is required when step is resolved';
  if (step !== 'resolved' && outcome !== undefined) return 'is only allowed when step is resolved';
  return undefined;
}
