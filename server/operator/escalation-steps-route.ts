// POST /api/v1/escalations/:warningId/steps — an operator records a step of an escalation the
// room can see. It becomes an ordinary `escalation` event through the same ingest pipeline;
// unlike upstream ingest, a step that would change nothing is refused (contract.md).
import { randomUUID } from 'node:crypto';
import express, { Router } from 'express';
import { z } from 'zod';
import { ESCALATION_OUTCOMES, ESCALATION_STEPS, stageRank } from '../../shared/vocabulary';
import { describeIssues } from '../../shared/schema/validate';
import { eventIdSchema, freeText } from '../../shared/schema/events';
import type { ZonedCalendar } from '../../shared/time/zoned-calendar';
import type { AccessControl } from '../auth/access-control';
import type { IngestPipeline } from '../ingest/ingest-pipeline';
import type { ProjectionTables } from '../store/projection-tables';

export const OPERATOR_BODY_LIMIT = '16kb';

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

export interface EscalationStepsDeps {
  readonly access: AccessControl;
  readonly pipeline: IngestPipeline;
  readonly tables: ProjectionTables;
  readonly calendar: ZonedCalendar;
  readonly now: () => number;
}

export function escalationStepsRoute({ access, pipeline, tables, calendar, now }: EscalationStepsDeps): Router {
  const router = Router();
  router.post(
    '/api/v1/escalations/:warningId/steps',
    access.require('operator'),
    express.json({ limit: OPERATOR_BODY_LIMIT, strict: false, type: () => true }),
    (req, res) => {
      const body = StepBody.safeParse(req.body);
      if (!body.success) {
        res.status(400).json({ error: describeIssues(body.error.issues).join('; ') });
        return;
      }
      const warningId = String(req.params['warningId']);
      const current = eventIdSchema.safeParse(warningId).success ? tables.contextFor(warningId).escalation : undefined;
      if (!current) {
        res.status(404).json({ error: `warning ${warningId} has never had an escalation` });
        return;
      }
      if (current.stage === 'resolved') {
        res.status(409).json({ error: `the escalation of ${warningId} is already resolved` });
        return;
      }
      if (stageRank(body.data.step) <= stageRank(current.stage)) {
        res.status(409).json({ error: `the escalation of ${warningId} is already at ${current.stage}; ${body.data.step} would not move it forward` });
        return;
      }
      const event = {
        id: `op-${randomUUID()}`,
        type: 'escalation' as const,
        // Never before the step it follows, whatever this server's clock says: steps only move forward.
        at: calendar.isoWithOffset(Math.max(now(), current.stageAtMs)),
        county: current.county,
        warningId,
        ...body.data,
      };
      const { summary } = pipeline.ingest([event]);
      if (summary.accepted !== 1) {
        res.status(400).json({ error: summary.rejected.flatMap((r) => r.errors).join('; ') });
        return;
      }
      res.status(201).json(event);
    },
  );
  return router;
}
