// One alarm as the HTTP request each service documents, signed its way:
// - DingTalk custom robot (加签): `timestamp` (ms) and `sign` query parameters, sign = Base64 of
//   HMAC-SHA256 keyed by the secret over `timestamp + "\n" + secret`, URL-encoded.
// - Feishu custom bot (签名校验): `timestamp` (s) and `sign` in the body, sign = Base64 of
//   HMAC-SHA256 keyed by `timestamp + "\n" + secret` over nothing.
// - WeCom group robot: the key is in the URL; nothing to sign.
// - A generic webhook: the message as JSON, `X-Fraudwall-Timestamp` (s) and
//   `X-Fraudwall-Signature: sha256=<hex HMAC-SHA256 keyed by the secret over timestamp + "." + body>`.
import { createHmac } from 'node:crypto';
import type { AlertTarget } from '../../shared/protocol/alert-target';
import { markdownText, plainText, type AlertMessage } from './alert-message';

export interface WebhookRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

export function webhookRequest(target: AlertTarget, message: AlertMessage, nowMs: number): WebhookRequest {
  switch (target.kind) {
    case 'dingtalk': {
      const url = new URL(target.url);
      if (target.secret) {
        url.searchParams.set('timestamp', String(nowMs));
        url.searchParams.set('sign', dingTalkSign(nowMs, target.secret));
      }
      return { url: url.href, headers: JSON_TYPE, body: JSON.stringify({ msgtype: 'markdown', markdown: { title: message.title, text: markdownText(message) } }) };
    }
    case 'wecom':
      return { url: target.url, headers: JSON_TYPE, body: JSON.stringify({ msgtype: 'markdown', markdown: { content: markdownText(message) } }) };
    case 'feishu': {
      const seconds = Math.floor(nowMs / 1000);
      const signed = target.secret ? { timestamp: String(seconds), sign: feishuSign(seconds, target.secret) } : {};
      return { url: target.url, headers: JSON_TYPE, body: JSON.stringify({ ...signed, msg_type: 'text', content: { text: plainText(message) } }) };
    }
    case 'webhook': {
      const body = JSON.stringify({ rule: message.rule, title: message.title, lines: message.lines, text: plainText(message), ...(message.link ? { link: message.link } : {}) });
      const seconds = String(Math.floor(nowMs / 1000));
      const signature: Record<string, string> = target.secret ? { 'x-fraudwall-timestamp': seconds, 'x-fraudwall-signature': webhookSignature(seconds, body, target.secret) } : {};
      return { url: target.url, headers: { ...JSON_TYPE, ...signature }, body };
    }
  }
}

/** DingTalk's `sign` before URL encoding (URLSearchParams encodes it). */
export const dingTalkSign = (timestampMs: number, secret: string) => createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');

export const feishuSign = (timestampSeconds: number, secret: string) => createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');

export const webhookSignature = (timestampSeconds: string, body: string, secret: string) =>
  `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex')}`;
