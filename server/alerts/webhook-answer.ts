// Whether a service took the message, read the way it answers: the robots answer HTTP 200 even
// when they refuse, with the verdict in the body (DingTalk and WeCom `errcode`, Feishu `code` or
// the older `StatusCode`). A refusal is never counted as delivered: the message stays in the
// outbox and is tried again (alert-sender.ts), whatever the reason — a throttled robot, a wrong
// signature being fixed on /admin, a service down.
import type { AlertKind } from '../../shared/protocol/alert-target';

export type WebhookAnswer = { readonly ok: true } | { readonly ok: false; readonly error: string };

/** Reasons the robots give that are worth naming on /admin, by their documented codes. */
const KNOWN_CODES: Record<string, string> = {
  'dingtalk:130101': '发送过快（每分钟超过 20 条，限流 10 分钟）',
  'dingtalk:310000': '签名、关键词或 IP 白名单不符',
  'dingtalk:300001': 'access_token 无效',
  'dingtalk:400102': '机器人已停用',
  'wecom:45009': '发送过快（每分钟超过 20 条）',
  'wecom:93000': 'webhook 地址无效',
  'feishu:19021': '签名不符或时间戳超过 1 小时',
  'feishu:11232': '发送过快（频率限制）',
  'feishu:19024': '关键词不符',
};

export function readWebhookAnswer(kind: AlertKind, status: number, body: string): WebhookAnswer {
  if (status < 200 || status >= 300) return { ok: false, error: `HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}` };
  if (kind === 'webhook') return { ok: true };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, error: `HTTP ${status} with a body that is not JSON: ${body.slice(0, 200)}` };
  }
  const fields = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const code = kind === 'feishu' ? (fields.code ?? fields.StatusCode) : fields.errcode;
  if (code === 0) return { ok: true };
  const said = String(fields.errmsg ?? fields.msg ?? fields.StatusMessage ?? '');
  const known = KNOWN_CODES[`${kind}:${String(code)}`];
  return { ok: false, error: `${code === undefined ? 'no error code in the answer' : `errcode ${String(code)}`}${known ? ` ${known}` : ''}${said ? ` (${said.slice(0, 120)})` : ''}` };
}
