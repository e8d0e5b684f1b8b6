// Where alarms go when nobody in the room acts (issue 26): a group robot of the duty chief's
// (DingTalk, WeCom, Feishu) or any webhook, per scope, as `/admin` and GET /api/v1/alert-targets
// show them. Plain types, so the pages' bundles carry no validation library: the server checks
// every target against server/alerts/alert-target-request.ts.

export const ALERT_KINDS = ['dingtalk', 'wecom', 'feishu', 'webhook'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * overdue: an escalation past the red threshold that nobody has claimed or moved on;
 * surge: a wave of one fraud type in one place; feed: an upstream source gone silent;
 * storage: the store unable to keep writes.
 */
export const ALERT_RULES = ['overdue', 'surge', 'feed', 'storage'] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

export const ALERT_KIND_LABELS: Record<AlertKind, string> = { dingtalk: '钉钉群机器人', wecom: '企业微信群机器人', feishu: '飞书群机器人', webhook: 'Webhook' };
export const ALERT_RULE_LABELS: Record<AlertRule, string> = { overdue: '超时未认领', surge: '诈骗波次', feed: '数据源静默', storage: '存储异常' };

/** A target as it is saved: the secret (and the URL's key) only ever travel inwards. */
export interface AlertTarget {
  readonly name: string;
  readonly kind: AlertKind;
  readonly url: string;
  readonly secret?: string;
  /** The area whose alarms it receives: the region, a city or a county (and what lies inside). */
  readonly scope: string;
  readonly rules: readonly AlertRule[];
}

/** How a target's deliveries stand, from its outbox. */
export interface AlertTargetHealth {
  /** failing: its oldest waiting message has failed repeatedly; idle: nothing sent yet. */
  readonly state: 'ok' | 'failing' | 'idle';
  readonly sent: number;
  readonly failed: number;
  readonly pending: number;
  /** RFC 3339, while something waits. */
  readonly oldestPendingAt?: string;
  readonly lastSentAt?: string;
  /** The latest failure as the service put it (errcode 130101 …), while it fails. */
  readonly lastError?: string;
}

/** A target as it is shown: the URL's keys masked, the secret only said to be there. */
export interface AlertTargetView {
  readonly name: string;
  readonly kind: AlertKind;
  readonly url: string;
  readonly hasSecret: boolean;
  readonly scope: string;
  readonly scopeName: string;
  readonly rules: readonly AlertRule[];
  /** file: from FRAUDWALL_ALERT_TARGETS_FILE, changed only there. */
  readonly source: 'admin' | 'file';
  readonly health: AlertTargetHealth;
}
