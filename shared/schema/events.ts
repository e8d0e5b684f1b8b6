// The six event types upstream systems post (contract.md, "Event shape", and issue 27's outreach), as zod schemas.
// Every field rule of the contract lives here; types are inferred, never written twice.
import { z } from 'zod';
import { outcomeIssue } from './step-rules';
import { currentCounty } from '../region/legacy-codes';
import {
  CASE_KINDS,
  CONTACT_CHANNELS,
  CONTACT_RESULTS,
  ESCALATION_OUTCOMES,
  ESCALATION_STEPS,
  FRAUD_TYPES,
  INTERCEPTION_KINDS,
  OUTREACH_FORMATS,
  OUTREACH_UNITS,
  RISK_LEVELS,
  WARNING_SOURCES,
} from '../vocabulary';

export const MAX_FUTURE_SKEW_MS = 5 * 60_000;
/** No event predates the centers' systems; anything earlier is a broken clock or a typo. */
export const EARLIEST_EVENT_AT = '2000-01-01T00:00:00Z';
export const DEFAULT_MAX_EVENT_AGE_DAYS = 1_100;
/** One event's money; the store also caps running totals so every sum stays an exact integer. */
export const MAX_AMOUNT_FEN = 10 ** 13;
const DAY_MS = 86_400_000;

/** What validation needs to know beyond the event itself. */
export interface EventRules {
  readonly regionId: string;
  readonly countyCodes: ReadonlySet<string>;
  /** The server's clock: `at` may be at most five minutes ahead of it. */
  readonly now: () => number;
  /** `at` may be at most this many days before now (FRAUDWALL_MAX_EVENT_AGE_DAYS). */
  readonly maxAgeDays?: number;
}

/** A type error's message, or "is required" when the field is missing altogether. */
const expected = (message: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is required' : message;

const string = () => z.string({ error: expected('must be a string') });

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: expected(`must be one of ${values.join(', ')}`) });

export const eventIdSchema = string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be 1–64 characters of A–Z a–z 0–9 _ . : -');

/**
 * Invisible format characters (bidirectional overrides, zero-width joiners, …) and control
 * characters: they let a text show something other than what it holds. A note may keep its
 * line breaks and tabs.
 */
const HIDDEN = /[\p{Cf}\p{Cc}]/u;
const HIDDEN_IN_NOTES = /[\p{Cf}\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;

function hiddenCharacter(value: string, pattern: RegExp): string | undefined {
  const found = pattern.exec(value)?.[0];
  return found === undefined ? undefined : `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Free text as operators and upstream systems type it: bounded, and nothing hidden in it. */
export const freeText = (max: number, { multiline = false }: { multiline?: boolean } = {}) =>
  string()
    .max(max, `must be at most ${max} characters`)
    .superRefine((value, ctx) => {
      const hidden = hiddenCharacter(value, multiline ? HIDDEN_IN_NOTES : HIDDEN);
      if (hidden) ctx.addIssue({ code: 'custom', message: `must not contain invisible or control characters (found ${hidden})` });
    });

/** A person's name: CJK or Latin letters, spaces and the middle dot of names like 阿依古丽·买买提. */
export const personName = freeText(32)
  .min(1, 'must not be empty')
  .regex(/^[\p{Script=Han}\p{Script=Latin}\p{M} ·・]*$/u, 'must contain only letters (CJK or Latin), spaces and the middle dot ·');

/**
 * What a station may be called (issue 22): the unit that went to see the victim — a police
 * station, a post, a community grid — never a person or a number. Letters (CJK or Latin),
 * spaces, the middle dot, parentheses and hyphens, at most two digits in a row (第2网格), ending
 * in the kind of unit it is. A name typed here reaches every wall, so a person's name or a phone
 * number is refused, not masked.
 */
export const STATION_UNITS = ['派出所', '警务站', '警务室', '警务区', '所', '站', '队', '局', '中心', '社区', '网格', '村', '街道', '镇', '乡'] as const;
const STATION_SHAPE = /^[\p{Script=Han}\p{Script=Latin}\p{Nd}\p{M} ·（）()-]*$/u;
export const stationName = freeText(64)
  .trim()
  .min(2, 'must be at least 2 characters')
  .regex(STATION_SHAPE, 'must contain only letters (CJK or Latin), digits, spaces, · ( ) -')
  .refine((name) => !/\p{Nd}{3}/u.test(name), 'must not hold three or more digits in a row (a phone number is not a station)')
  .refine((name) => STATION_UNITS.some((unit) => name.endsWith(unit)), `must name a unit, ending in ${STATION_UNITS.join('、')} (a person is not a station)`);

const integer = (min: number, max: number) =>
  z
    .number({ error: expected('must be a number') })
    .int('must be an integer')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

function commonFields(rules: EventRules) {
  const maxAgeDays = rules.maxAgeDays ?? DEFAULT_MAX_EVENT_AGE_DAYS;
  const earliest = Date.parse(EARLIEST_EVENT_AT);
  return {
    id: eventIdSchema,
    at: string()
      .check(z.iso.datetime({ offset: true, error: 'must be an RFC 3339 time with offset, e.g. 2026-11-27T09:30:00+08:00', abort: true }))
      .superRefine((at, ctx) => {
        // Name the server's clock, so an integrator can see a skew between the two.
        const now = rules.now();
        const serverTime = `server time ${new Date(now).toISOString()}`;
        const ms = Date.parse(at);
        if (ms > now + MAX_FUTURE_SKEW_MS) ctx.addIssue({ code: 'custom', message: `is more than 5 minutes in the future (${serverTime})` });
        else if (ms < earliest) ctx.addIssue({ code: 'custom', message: 'is before 2000-01-01' });
        else if (ms < now - maxAgeDays * DAY_MS) ctx.addIssue({ code: 'custom', message: `is more than ${maxAgeDays} days old (${serverTime})` });
      }),
    county: string()
      .regex(/^\d{6}$/, { error: 'must be a 6-digit adcode', abort: true })
      // A code abolished since 2016 is accepted when the county that replaced it is in the region.
      .refine((county) => rules.countyCodes.has(currentCounty(county)), {
        error: (issue) => `${String(issue.input)} is not a county of region ${rules.regionId}`,
      }),
  };
}

export function createEventSchema(rules: EventRules) {
  const common = commonFields(rules);
  const warningId = eventIdSchema;

  const warning = z.strictObject({
    ...common,
    type: z.literal('warning'),
    source: oneOf(WARNING_SOURCES),
    level: oneOf(RISK_LEVELS),
    fraudType: oneOf(FRAUD_TYPES),
    victim: z.strictObject(
      {
        phone: string().regex(/^\d{5,20}$/, 'must be 5–20 digits'),
        name: personName.optional(),
      },
      { error: expected('must be an object {phone, name?}') },
    ),
  });

  const contact = z.strictObject({
    ...common,
    type: z.literal('contact'),
    warningId,
    result: oneOf(CONTACT_RESULTS),
    channel: oneOf(CONTACT_CHANNELS).optional(),
  });

  const escalation = z
    .strictObject({
      ...common,
      type: z.literal('escalation'),
      warningId,
      step: oneOf(ESCALATION_STEPS),
      station: stationName.optional(),
      /** The community grid whose worker went to the door (警格+网格, issue 27). */
      grid: stationName.optional(),
      outcome: oneOf(ESCALATION_OUTCOMES).optional(),
      note: freeText(500, { multiline: true }).optional(),
      by: freeText(64).optional(),
    })
    .superRefine((event, ctx) => {
      const issue = outcomeIssue(event.step, event.outcome);
      if (issue !== undefined) ctx.addIssue({ code: 'custom', path: ['outcome'], message: issue });
    });

  const interception = z.strictObject({
    ...common,
    type: z.literal('interception'),
    kind: oneOf(INTERCEPTION_KINDS),
    amountFen: integer(1, MAX_AMOUNT_FEN),
    warningId: warningId.optional(),
  });

  const caseEvent = z
    .strictObject({
      ...common,
      type: z.literal('case'),
      kind: oneOf(CASE_KINDS),
      count: integer(1, 10_000).optional(),
      lossFen: integer(0, MAX_AMOUNT_FEN).optional(),
    })
    .superRefine((event, ctx) => {
      if (event.lossFen !== undefined && event.kind !== 'filed') {
        ctx.addIssue({ code: 'custom', path: ['lossFen'], message: 'is only allowed when kind is filed' });
      }
    });

  // Outreach (全民反诈, issue 27): sessions given by a unit of the county, and how many people they reached.
  const outreach = z.strictObject({
    ...common,
    type: z.literal('outreach'),
    unit: oneOf(OUTREACH_UNITS),
    format: oneOf(OUTREACH_FORMATS),
    sessions: integer(1, 1_000).optional(),
    people: integer(0, 1_000_000),
    station: stationName.optional(),
  });

  return z.discriminatedUnion('type', [warning, contact, escalation, interception, caseEvent, outreach], {
    error: (issue) =>
      issue.code === 'invalid_union' ? 'must be one of warning, contact, escalation, interception, case, outreach' : undefined,
  });
}

export type FraudEvent = z.infer<ReturnType<typeof createEventSchema>>;
export type WarningEvent = Extract<FraudEvent, { type: 'warning' }>;
export type ContactEvent = Extract<FraudEvent, { type: 'contact' }>;
export type EscalationEvent = Extract<FraudEvent, { type: 'escalation' }>;
export type InterceptionEvent = Extract<FraudEvent, { type: 'interception' }>;
export type CaseEvent = Extract<FraudEvent, { type: 'case' }>;
export type OutreachEvent = Extract<FraudEvent, { type: 'outreach' }>;
