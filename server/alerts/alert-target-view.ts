// A target as people may see it: the secret only said to be there, and the keys a robot's URL
// carries (DingTalk's access_token, WeCom's key, Feishu's hook) cut to their first characters —
// enough to tell two robots apart, never enough to post to one.
import type { AlertTarget, AlertTargetHealth, AlertTargetView } from '../../shared/protocol/alert-target';
import type { TargetOutbox } from './alerts-api';

/** Failed attempts on the oldest waiting message that make a target `failing`. */
export const FAILING_AFTER_ATTEMPTS = 3;

const cut = (key: string) => `${key.slice(0, 4)}…`;

export function maskedUrl(text: string): string {
  const url = new URL(text);
  for (const [name, value] of [...url.searchParams]) url.searchParams.set(name, cut(value));
  url.pathname = url.pathname.replace(/\/hook\/([\w-]+)$/, (_whole, hook: string) => `/hook/${cut(hook)}`);
  return decodeURI(url.href);
}

export function targetHealth(outbox: TargetOutbox | undefined, iso: (ms: number) => string): AlertTargetHealth {
  if (!outbox) return { state: 'idle', sent: 0, failed: 0, pending: 0 };
  const failing = outbox.pending > 0 && outbox.pendingAttempts >= FAILING_AFTER_ATTEMPTS;
  return {
    state: failing ? 'failing' : outbox.sent === 0 && outbox.pending === 0 ? 'idle' : 'ok',
    sent: outbox.sent,
    failed: outbox.failed,
    pending: outbox.pending,
    ...(outbox.oldestPendingMs === undefined ? {} : { oldestPendingAt: iso(outbox.oldestPendingMs) }),
    ...(outbox.lastSentMs === undefined ? {} : { lastSentAt: iso(outbox.lastSentMs) }),
    ...(failing && outbox.lastError ? { lastError: outbox.lastError } : {}),
  };
}

export function targetView(target: AlertTarget, source: 'admin' | 'file', scopeName: string, health: AlertTargetHealth): AlertTargetView {
  return { name: target.name, kind: target.kind, url: maskedUrl(target.url), hasSecret: target.secret !== undefined, scope: target.scope, scopeName, rules: target.rules, source, health };
}
