// What an operator's step becomes, decided without touching anything (no clock, no random id,
// no store): the event to store, or the refusal — by the rules of step-rules.ts.
import type { EscalationEvent } from '../schema/events';
import type { ZonedCalendar } from '../time/zoned-calendar';
import { isFaceToFace, type EscalationOutcome, type EscalationStep } from '../vocabulary';
import type { EscalationRecord } from './records';
import { movesForward } from '../schema/step-rules';

/** An operator's step, its fields already valid (contract.md, "Operator actions"). */
export interface StepCommand {
  readonly step: EscalationStep;
  readonly station?: string;
  readonly grid?: string;
  readonly outcome?: EscalationOutcome;
  readonly note?: string;
  readonly by?: string;
}

export interface StepContext {
  readonly warningId: string;
  readonly nowMs: number;
  /** The id the event gets: chosen by the caller, so that deciding stays pure. */
  readonly id: string;
  /** The counties the operator's scope covers, or null for the whole region. */
  readonly within: readonly string[] | null;
  readonly calendar: ZonedCalendar;
}

export type StepDecision =
  | { readonly ok: true; readonly event: EscalationEvent }
  | { readonly ok: false; readonly status: 403 | 404 | 409; readonly error: string };

/**
 * What an operator's step on `escalation` (the warning's latest, as stored) becomes: the event
 * to store, or why not — checked in the contract's order after the body: no escalation 404,
 * outside the operator's scope 403, no move forward 409.
 */
export function decide(escalation: EscalationRecord | undefined, command: StepCommand, context: StepContext): StepDecision {
  const { warningId } = context;
  if (!escalation) return { ok: false, status: 404, error: `warning ${warningId} has never had an escalation` };
  if (context.within && !context.within.includes(escalation.county)) {
    return { ok: false, status: 403, error: `the escalation of ${warningId} is in ${escalation.county}, outside this token's scope` };
  }
  if (escalation.stage === 'resolved') return { ok: false, status: 409, error: `the escalation of ${warningId} is already resolved` };
  if (!movesForward(escalation, command.step)) {
    const already = isFaceToFace(command.step) && isFaceToFace(escalation.stage) ? `has already had its ${command.step} step` : `is already at ${escalation.stage}`;
    return { ok: false, status: 409, error: `the escalation of ${warningId} ${already}; ${command.step} would not move it forward` };
  }
  return {
    ok: true,
    event: {
      id: context.id,
      type: 'escalation',
      // Never before the step it follows, whatever this server's clock says.
      at: context.calendar.isoWithOffset(Math.max(context.nowMs, escalation.stageAtMs)),
      county: escalation.county,
      warningId,
      ...command,
    },
  };
}
