// One request to a service, bounded both ways: it gives up after a few seconds (a robot that
// hangs must not hold the next target's alarms), and reads at most a few kilobytes of an answer.
import type { WebhookRequest } from './webhook-request';

export const WEBHOOK_TIMEOUT_MS = 5_000;
const ANSWER_BYTES = 16 * 1024;

export interface WebhookReply {
  readonly status: number;
  readonly body: string;
}

export type WebhookPost = (request: WebhookRequest) => Promise<WebhookReply>;

export const postWebhook: WebhookPost = async (request) => {
  const response = await fetch(request.url, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
  });
  return { status: response.status, body: await boundedText(response) };
};

async function boundedText(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < ANSWER_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => {});
  return Buffer.concat(chunks).subarray(0, ANSWER_BYTES).toString('utf8');
}
