// An alert target as /admin, POST/PATCH /api/v1/alert-targets and FRAUDWALL_ALERT_TARGETS_FILE
// give it, checked at the edge with errors that name the field. Each kind's URL must be the one
// its service hands out (a DingTalk robot's carries its access_token, a WeCom robot's its key, a
// Feishu bot's its hook), so a URL pasted from the wrong robot is refused when it is saved
// rather than failing on the night it matters.
import { z } from 'zod';
import { ALERT_KINDS, ALERT_RULES, type AlertKind, type AlertTarget } from '../../shared/protocol/alert-target';
import type { RegionScopes } from '../../shared/region';
import { freeText } from '../../shared/schema/events';
import { scopeSchema } from '../accounts/account';

export const ALERT_TARGET_BODY_BYTES = 8 * 1024;
/** Targets a region keeps: a robot per city and county of the province, and more. */
export const MAX_ALERT_TARGETS = 200;

const name = freeText(40).trim().min(1, 'must not be empty');
const secret = z.string({ error: 'must be the robot’s signing secret' }).min(8, 'must be at least 8 characters').max(200, 'must be at most 200 characters').regex(/^\S+$/, 'must not contain spaces');
const rules = z
  .array(z.enum(ALERT_RULES, { error: `must be one of ${ALERT_RULES.join(', ')}` }), { error: 'must be a list of rules' })
  .min(1, 'must name at least one rule')
  .refine((list) => new Set(list).size === list.length, 'must name each rule once');
const kind = z.enum(ALERT_KINDS, { error: `must be one of ${ALERT_KINDS.join(', ')}` });
const url = z.string({ error: 'must be the robot’s webhook URL' }).max(1_000, 'must be at most 1000 characters');

/** What a kind's URL must hold; undefined when it does. */
export function urlProblem(kind: AlertKind, text: string): string | undefined {
  if (!URL.canParse(text)) return 'must be an http:// or https:// URL';
  const parsed = new URL(text);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'must be an http:// or https:// URL';
  if (parsed.username || parsed.password) return 'must not carry a user name or password';
  if (kind === 'dingtalk' && !parsed.searchParams.get('access_token')) return 'must be a DingTalk robot URL with its access_token (…/robot/send?access_token=…)';
  if (kind === 'wecom' && !parsed.searchParams.get('key')) return 'must be a WeCom robot URL with its key (…/cgi-bin/webhook/send?key=…)';
  if (kind === 'feishu' && !/\/hook\/[\w-]+$/.test(parsed.pathname)) return 'must be a Feishu bot URL ending in its hook (…/open-apis/bot/v2/hook/…)';
  return undefined;
}

export function newAlertTargetSchema(scopes: RegionScopes) {
  return z
    .strictObject({ name, kind, url, secret: secret.optional(), scope: scopeSchema(scopes), rules })
    .superRefine((target, ctx) => {
      const problem = urlProblem(target.kind, target.url);
      if (problem) ctx.addIssue({ code: 'custom', path: ['url'], message: problem });
    })
    .transform((target): AlertTarget => target);
}

/** PATCH: any of these; `secret: null` removes the secret. The name stays: it keys the outbox. */
export function alertTargetChangeSchema(scopes: RegionScopes) {
  return z
    .strictObject({ kind: kind.optional(), url: url.optional(), secret: secret.nullable().optional(), scope: scopeSchema(scopes).optional(), rules: rules.optional() })
    .refine((change) => Object.keys(change).length > 0, { path: ['rules'], message: 'send at least one of kind, url, secret, scope, rules' });
}
export type AlertTargetChange = z.infer<ReturnType<typeof alertTargetChangeSchema>>;

/** A target with a change applied, checked again as a whole (a new kind needs its URL). */
export function changedTarget(target: AlertTarget, change: AlertTargetChange): AlertTarget | { error: string } {
  const { secret: newSecret, ...rest } = change;
  const { secret: oldSecret, ...kept } = target;
  const secretAfter = newSecret === null ? undefined : (newSecret ?? oldSecret);
  const changed: AlertTarget = { ...kept, ...rest, ...(secretAfter === undefined ? {} : { secret: secretAfter }) };
  const problem = urlProblem(changed.kind, changed.url);
  return problem ? { error: `url: ${problem}` } : changed;
}
