// An operator's step (POST /api/v1/escalations/:warningId/steps), checked in the contract's
// order — body 400 here, then unknown warning 404 and no move forward 409 by the step decider
// (shared/aggregate/step.ts) — against the escalation as stored, under the write lock so that
// the check and the write cannot be split by another step. The event's id is chosen here, so
// that deciding stays pure.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EscalationRecord } from '../../shared/aggregate/records';
import { decide, type StepCommand, type StepDecision } from '../../shared/aggregate/step';
import { outcomeIssue } from '../../shared/schema/step-rules';
import { eventIdSchema, freeText, stationName } from '../../shared/schema/events';
import { describeIssues } from '../../shared/schema/validate';
import type { ZonedCalendar } from '../../shared/time/zoned-calendar';
import { ESCALATION_OUTCOMES, ESCALATION_STEPS } from '../../shared/vocabulary';

export const OPERATOR_BODY_BYTES = 16 * 1024;

const StepBody = z
  .strictObject({
    step: z.enum(ESCALATION_STEPS, { error: `must be one of ${ESCALATION_STEPS.join(', ')}` }),
    station: stationName.optional(),
    grid: stationName.optional(),
    outcome: z.enum(ESCALATION_OUTCOMES, { error: `must be one of ${ESCALATION_OUTCOMES.join(', ')}` }).optional(),
    note: freeText(500, { multiline: true }).optional(),
    by: freeText(64).trim().min(1, 'must not be empty').optional(),
  })
  .superRefine((body, ctx) => {
    const issue = outcomeIssue(body.step, body.outcome);
    if (issue !== undefined) ctx.addIssue({ code: 'custom', path: ['outcome'], message: issue });
  });

type BodyRefusal = { ok: false; status: 400; error: string };
export type StepPlan = StepDecision | BodyRefusal;

/** A step's body as the contract allows it — a plain object of the documented fields — or why not. */
export function parseStepBody(body: unknown): { ok: true; command: StepCommand } | BodyRefusal {
  const parsed = StepBody.safeParse(body);
  return parsed.success ? { ok: true, command: parsed.data } : { ok: false, status: 400, error: describeIssues(parsed.error.issues).join('; ') };
}

/** The event a valid step becomes (step.ts decides it); `escalation` is the warning's latest, as stored. */
export function planStep(
  warningId: string,
  body: unknown,
  escalation: EscalationRecord | undefined,
  nowMs: number,
  calendar: ZonedCalendar,
  /** The counties the operator's scope covers, or null for the whole region. */
  within: readonly string[] | null,
): StepPlan {
  const parsed = parseStepBody(body);
  if (!parsed.ok) return parsed;
  // A path that is no event id names no escalation.
  const stored = eventIdSchema.safeParse(warningId).success ? escalation : undefined;
  return decide(stored, parsed.command, { warningId, nowMs, id: `op-${randomUUID()}`, within, calendar });
}
