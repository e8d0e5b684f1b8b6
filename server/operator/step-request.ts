// An operator's step (POST /api/v1/escalations/:warningId/steps), checked in the contract's
// order — body 400, unknown warning 404, no move forward 409 — against the escalation as stored,
// on the store's writing thread so that the check and the write cannot be split by another step.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EscalationRecord } from '../../shared/aggregate/records';
import { eventIdSchema, freeText, type EscalationEvent } from '../../shared/schema/events';
import { describeIssues } from '../../shared/schema/validate';
import type { ZonedCalendar } from '../../shared/time/zoned-calendar';
import { ESCALATION_OUTCOMES, ESCALATION_STEPS, stageRank } from '../../shared/vocabulary';

export const OPERATOR_BODY_BYTES = 16 * 1024;

const StepBody = z
  .strictObject({
    step: z.enum(ESCALATION_STEPS, { error: `must be one of ${ESCALATION_STEPS.join(', ')}` }),
    station: freeText(64).trim().min(1, 'must not be empty').optional(),
    outcome: z.enum(ESCALATION_OUTCOMES, { error: `must be one of ${ESCALATION_OUTCOMES.join(', ')}` }).optional(),
    note: freeText(500, { multiline: true }).optional(),
    by: freeText(64).trim().min(1, 'must not be empty').optional(),
  })
  .superRefine((body, ctx) => {
    if (body.step === 'resolved' && body.outcome === undefined) {
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'is required when step is resolved' });
    }
    if (body.step !== 'resolved' && body.outcome !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'is only allowed when step is resolved' });
    }
  });

export type StepPlan = { ok: true; event: EscalationEvent } | { ok: false; status: 400 | 403 | 404 | 409; error: string };

/** The event a valid step becomes; `current` is the warning's latest escalation as stored. */
export function planStep(
  warningId: string,
  body: unknown,
  current: (warningId: string) => EscalationRecord | undefined,
  nowMs: number,
  calendar: ZonedCalendar,
  /** The counties the operator's scope covers, or null for the whole region. */
  within: readonly string[] | null,
): StepPlan {
  const parsed = StepBody.safeParse(body);
  if (!parsed.success) return { ok: false, status: 400, error: describeIssues(parsed.error.issues).join('; ') };
  const escalation = eventIdSchema.safeParse(warningId).success ? current(warningId) : undefined;
  if (!escalation) return { ok: false, status: 404, error: `warning ${warningId} has never had an escalation` };
  if (within && !within.includes(escalation.county)) {
    return { ok: false, status: 403, error: `the escalation of ${warningId} is in ${escalation.county}, outside this token's scope` };
  }
  if (escalation.stage === 'resolved') return { ok: false, status: 409, error: `the escalation of ${warningId} is already resolved` };
  if (stageRank(parsed.data.step) <= stageRank(escalation.stage)) {
    return {
      ok: false,
      status: 409,
      error: `the escalation of ${warningId} is already at ${escalation.stage}; ${parsed.data.step} would not move it forward`,
    };
  }
  return {
    ok: true,
    event: {
      id: `op-${randomUUID()}`,
      type: 'escalation',
      // Never before the step it follows, whatever this server's clock says: steps only move forward.
      at: calendar.isoWithOffset(Math.max(nowMs, escalation.stageAtMs)),
      county: escalation.county,
      warningId,
      ...parsed.data,
    },
  };
}
