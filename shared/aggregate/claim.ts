// What an operator's claim or release of an escalation becomes, decided without touching
// anything (no clock, no random id, no store), like a step (step.ts): the event to store, or
// why not — no escalation 404, outside the operator's scope 403, resolved or held by another 409.
import type { ClaimEvent } from '../schema/claim-event';
import type { StepContext } from './step';
import type { EscalationRecord } from './records';

/** What deciding needs beyond the escalation: the same as a step's. */
export type ClaimContext = StepContext;

export type ClaimDecision =
  | { readonly ok: true; readonly event: ClaimEvent }
  /** Claiming what the account already holds changes nothing: answered as done. */
  | { readonly ok: true; readonly event?: undefined }
  | { readonly ok: false; readonly status: 403 | 404 | 409; readonly error: string; readonly holder?: string };

export function decideClaim(escalation: EscalationRecord | undefined, action: 'claim' | 'release', by: string, context: ClaimContext): ClaimDecision {
  const { warningId } = context;
  if (!escalation) return { ok: false, status: 404, error: `warning ${warningId} has never had an escalation` };
  if (context.within && !context.within.includes(escalation.county)) {
    return { ok: false, status: 403, error: `the escalation of ${warningId} is in ${escalation.county}, outside this account's scope` };
  }
  if (escalation.stage === 'resolved') return { ok: false, status: 409, error: `the escalation of ${warningId} is already resolved` };
  const holder = escalation.holder;
  if (action === 'claim') {
    if (holder === by) return { ok: true };
    if (holder !== undefined) return { ok: false, status: 409, error: `the escalation of ${warningId} is held by ${holder}`, holder };
  } else if (holder !== by) {
    return holder === undefined
      ? { ok: false, status: 409, error: `the escalation of ${warningId} is not held by anyone` }
      : { ok: false, status: 409, error: `the escalation of ${warningId} is held by ${holder}, not by ${by}`, holder };
  }
  return { ok: true, event: claimEvent(escalation, action, by, context) };
}

/**
 * The hold a step by `by` leaves (issue 25): the one who acts is on it. Another's hold passes to
 * them (a takeover, said so in the history); an unheld escalation becomes theirs.
 */
export function holdAfterStep(escalation: EscalationRecord, by: string, context: ClaimContext): ClaimEvent | undefined {
  if (escalation.holder === by) return undefined;
  return claimEvent(escalation, escalation.holder === undefined ? 'claim' : 'takeover', by, context);
}

function claimEvent(escalation: EscalationRecord, action: ClaimEvent['action'], by: string, context: ClaimContext): ClaimEvent {
  return {
    id: context.id,
    type: 'claim',
    // Never before the step it follows, whatever this server's clock says.
    at: context.calendar.isoWithOffset(Math.max(context.nowMs, escalation.stageAtMs)),
    county: escalation.county,
    warningId: context.warningId,
    action,
    by,
    ...(action === 'takeover' && escalation.holder !== undefined ? { from: escalation.holder } : {}),
  };
}
