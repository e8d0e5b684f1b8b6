// Validation at the edge: one raw value in, a typed event or the reasons out, each reason
// naming its field ("victim.phone: must be 5–20 digits").
import type { z } from 'zod';
import { createEventSchema, eventIdSchema, type EventRules, type FraudEvent } from './events';

export type Validation = { ok: true; event: FraudEvent } | { ok: false; id?: string; errors: string[] };

export type EventValidator = (raw: unknown) => Validation;

export function createEventValidator(rules: EventRules): EventValidator {
  const schema = createEventSchema(rules);
  return (raw) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return { ok: false, errors: ['event: must be a JSON object'] };
    }
    const result = schema.safeParse(raw);
    if (result.success) return { ok: true, event: result.data };
    const id = readableId(raw);
    return { ok: false, ...(id === undefined ? {} : { id }), errors: describeIssues(result.error.issues) };
  };
}

/** The event's own id when it is a valid one, so a rejection can be matched to its sender's record. */
function readableId(raw: object): string | undefined {
  const id: unknown = (raw as Record<string, unknown>)['id'];
  return eventIdSchema.safeParse(id).success ? (id as string) : undefined;
}

/** A hostile event can have thousands of bad keys, each a megabyte long: reasons are bounded in number and length. */
export const MAX_REASONS = 5;
const MAX_REASON_CHARS = 200;

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  const reasons = issues.flatMap((issue) => {
    const field = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${field ? `${field}.` : ''}${key}: is not a known field`);
    }
    return [`${field || 'event'}: ${issue.message}`];
  });
  const shown = reasons.slice(0, MAX_REASONS).map((r) => (r.length > MAX_REASON_CHARS ? `${r.slice(0, MAX_REASON_CHARS - 1)}…` : r));
  return reasons.length > MAX_REASONS ? [...shown, `… and ${reasons.length - MAX_REASONS} more`] : shown;
}
