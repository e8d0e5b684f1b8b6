// One alarm to one target, and the service's verdict: its own answer read its way
// (webhook-answer.ts), or what kept the request from being answered — never the URL, which
// carries a robot's key.
import type { AlertTarget } from '../../shared/protocol/alert-target';
import type { AlertMessage } from './alert-message';
import { readWebhookAnswer, type WebhookAnswer } from './webhook-answer';
import { WEBHOOK_TIMEOUT_MS, type WebhookPost } from './webhook-post';
import { webhookRequest } from './webhook-request';

/** What a failed connection means, for the admin who reads it on /admin. */
const NETWORK_FAILURES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  UND_ERR_SOCKET: 'connection closed without an answer',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name not found (DNS unreachable)',
  ETIMEDOUT: 'no connection within the time allowed',
  UND_ERR_CONNECT_TIMEOUT: 'no connection within the time allowed',
  ENETUNREACH: 'network unreachable',
  EHOSTUNREACH: 'host unreachable',
};

export async function sendAlarm(post: WebhookPost, target: AlertTarget, message: AlertMessage, nowMs: number): Promise<WebhookAnswer> {
  try {
    const reply = await post(webhookRequest(target, message, nowMs));
    return readWebhookAnswer(target.kind, reply.status, reply.body);
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause as { code: unknown }).code) : undefined;
    if (error instanceof Error && error.name === 'TimeoutError') return { ok: false, error: `network: no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` };
    return { ok: false, error: `network: ${NETWORK_FAILURES[code ?? ''] ?? 'unreachable'}${code ? ` (${code})` : ''}` };
  }
}
