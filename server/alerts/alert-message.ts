// What an alarm says, whichever robot carries it: the place, what, since when, the victim masked
// (nothing unmasked ever leaves through a robot) and the link where it is claimed. Messages are
// stored in the outbox as they will be sent, so a restart sends exactly what was decided.
import type { AlertRule } from '../../shared/protocol/alert-target';

export interface AlertMessage {
  readonly rule: AlertRule;
  /** One line: 【反诈预警】超时未认领 · 柯桥区. */
  readonly title: string;
  /** The facts, one per line, already masked. */
  readonly lines: readonly string[];
  /** Where it is acted on (FRAUDWALL_PUBLIC_URL's console), when the server knows its address. */
  readonly link?: string;
}

/** Lines a digest lists before it only counts: a robot's message stays readable on a phone. */
export const DIGEST_LISTED = 10;

/**
 * What would exceed a target's budget goes out as one message rather than being dropped:
 * the first few by their titles, the rest counted (另有 12 起超时未认领 …).
 */
export function digestOf(messages: readonly AlertMessage[]): AlertMessage {
  const listed = messages.slice(0, DIGEST_LISTED);
  const rest = messages.slice(DIGEST_LISTED);
  const byRule = new Map<AlertRule, number>();
  for (const message of rest) byRule.set(message.rule, (byRule.get(message.rule) ?? 0) + 1);
  const more = [...byRule].map(([rule, count]) => `另有 ${count} 起${RULE_WORDS[rule]}`);
  const link = messages.find((m) => m.link)?.link;
  return {
    rule: messages[0]?.rule ?? 'overdue',
    title: `【反诈预警】汇总 · ${messages.length} 条`,
    lines: [...listed.map((m) => `· ${m.title.replace(/^【反诈预警】/, '')}${m.lines[0] ? ` · ${m.lines[0]}` : ''}`), ...more, '（本群消息已达每分钟上限，合并发送）'],
    ...(link ? { link: link.replace(/#.*$/, '') } : {}),
  };
}

const RULE_WORDS: Record<AlertRule, string> = { overdue: '超时未认领', surge: '诈骗波次', feed: '数据源静默', storage: '存储异常' };

/** The message as plain text: Feishu's text, and the body of every other kind's markdown. */
export function plainText(message: AlertMessage): string {
  return [message.title, ...message.lines, ...(message.link ? [`处置：${message.link}`] : [])].join('\n');
}

/** As markdown (DingTalk, WeCom): the title bold, one fact per line, the link clickable. */
export function markdownText(message: AlertMessage): string {
  return [`**${message.title}**`, ...message.lines.map((line) => `> ${line}`), ...(message.link ? [`[打开处置台认领](${message.link})`] : [])].join('\n\n');
}
