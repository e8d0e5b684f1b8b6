// The storage rule (issue 26): the store unable to keep writes for more than a minute. The
// outbox lives in that store, so this alarm cannot wait in it: each node that sees its store fail
// sends straight to every target that asks for `storage`, keeps trying each one that did not take
// it, says it again every repeat while the failure lasts and says when writes are kept again.
// Targets are the ones last read (the store may not answer), and the audit records wait in
// memory until the store takes them.
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { AlertTarget } from '../../shared/protocol/alert-target';
import type { AuditEntry } from '../audit/audit-chain';
import type { StoreHealth } from '../http/health-route';
import type { AlertMessage } from './alert-message';
import type { AlertDirectory } from './alert-directory';
import type { WebhookPost } from './webhook-post';
import { sendAlarm } from './send-alarm';

/** Writes failing this long make an alarm: a single failed write or a restart's blip does not. */
export const STORAGE_GRACE_MS = 60_000;
const CHECK_EVERY_MS = 5_000;
/** Audit records kept while the store refuses them; beyond, the oldest go (the log has them). */
const WAITING_AUDIT_LIMIT = 200;

export interface StorageWatchOptions {
  /** The store's health as its own checks last found it (every 2 s, store-worker.ts): no write of ours added. */
  readonly health: () => StoreHealth;
  readonly directory: AlertDirectory;
  readonly post: WebhookPost;
  readonly audit: (entry: AuditEntry) => Promise<void>;
  readonly repeatMs: number;
  readonly centerName: string;
  /** HH:mm on the center's clock. */
  readonly clockOf: (ms: number) => string;
  /** The demo's clock, for the audit trail's times. */
  readonly now: () => number;
  readonly logger: Logger;
  readonly realNow?: () => number;
  readonly graceMs?: number;
  readonly checkEveryMs?: number;
}

export class StorageWatch {
  readonly #o: StorageWatchOptions;
  readonly #realNow: () => number;
  #failingSince: number | undefined;
  #problem = '';
  /** When the alarm was last said, while the failure lasts. */
  #saidAt: number | undefined;
  /** Per target, the message it has yet to take, and the targets as last read. */
  readonly #unsent = new Map<string, AlertMessage>();
  #targets = new Map<string, AlertTarget>();
  #waitingAudit: AuditEntry[] = [];
  #timer: NodeJS.Timeout | undefined;
  #checking: Promise<void> | undefined;

  constructor(options: StorageWatchOptions) {
    this.#o = options;
    this.#realNow = options.realNow ?? Date.now;
  }

  start(): void {
    this.#timer = setInterval(() => void this.check(), this.#o.checkEveryMs ?? CHECK_EVERY_MS);
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#checking;
  }

  check(): Promise<void> {
    this.#checking ??= this.#checkOnce()
      .catch((error: unknown) => this.#o.logger.warn({ err: error }, 'the storage alarm could not be checked; the next check tries again'))
      .finally(() => (this.#checking = undefined));
    return this.#checking;
  }

  async #checkOnce(): Promise<void> {
    const health = this.#o.health();
    const now = this.#realNow();
    if (health.ok) {
      if (this.#saidAt !== undefined) await this.#say(this.#recovered(now));
      this.#failingSince = undefined;
      this.#saidAt = undefined;
      await this.#flushAudit();
    } else {
      this.#failingSince ??= now;
      this.#problem = health.problem ?? '';
      const due = this.#saidAt === undefined ? now - this.#failingSince >= (this.#o.graceMs ?? STORAGE_GRACE_MS) : now - this.#saidAt >= this.#o.repeatMs;
      if (due) {
        this.#saidAt = now;
        await this.#say(this.#failing(now));
      }
    }
    await this.#deliver(now);
  }

  /** Every storage target is to be told this, replacing what it had yet to take. */
  async #say(message: AlertMessage): Promise<void> {
    const targets = (await this.#o.directory.allOrLastKnown()).map((known) => known.target).filter((target) => target.rules.includes('storage'));
    this.#targets = new Map(targets.map((target) => [target.name, target]));
    for (const target of targets) this.#unsent.set(target.name, message);
  }

  async #deliver(now: number): Promise<void> {
    for (const [name, message] of [...this.#unsent]) {
      const target = this.#targets.get(name);
      if (!target) {
        this.#unsent.delete(name);
        continue;
      }
      const answer = await sendAlarm(this.#o.post, target, message, now);
      if (answer.ok) this.#unsent.delete(name);
      this.#record(target, message, answer.ok ? 'sent' : `failed: ${answer.error}`);
    }
    await this.#flushAudit();
  }

  #failing(now: number): AlertMessage {
    const since = this.#failingSince ?? now;
    return {
      rule: 'storage',
      title: `【反诈预警】数据写入异常 · ${this.#o.centerName}`,
      lines: [
        `服务器 ${hostname()} 自 ${this.#o.clockOf(since)} 起无法保存新数据，已 ${Math.floor((now - since) / 60_000)} 分钟`,
        `原因：${this.#problem.slice(0, 200) || '未知'}`,
        '大屏数字不再更新，上游推送被拒收，请立即通知值班技术人员',
      ],
    };
  }

  #recovered(now: number): AlertMessage {
    const since = this.#failingSince ?? now;
    return {
      rule: 'storage',
      title: `【反诈预警】数据写入已恢复 · ${this.#o.centerName}`,
      lines: [`服务器 ${hostname()} 自 ${this.#o.clockOf(now)} 起恢复保存数据（中断约 ${Math.max(1, Math.round((now - since) / 60_000))} 分钟）`, '上游被拒收的数据需由各平台重新推送'],
    };
  }

  #record(target: AlertTarget, message: AlertMessage, result: string): void {
    this.#waitingAudit.push({
      atMs: this.#o.now(),
      actor: 'system:alerts',
      role: 'system',
      scope: target.scope,
      action: 'alert-message',
      object: JSON.stringify({ target: target.name, rule: 'storage', title: message.title, messages: 1 }),
      result,
      address: '',
    });
    if (this.#waitingAudit.length > WAITING_AUDIT_LIMIT) this.#waitingAudit = this.#waitingAudit.slice(-WAITING_AUDIT_LIMIT);
  }

  /** Written in order while the store takes them; the rest wait for the next check. */
  async #flushAudit(): Promise<void> {
    while (this.#waitingAudit.length > 0) {
      try {
        await this.#o.audit(this.#waitingAudit[0]!);
      } catch {
        return;
      }
      this.#waitingAudit.shift();
    }
  }
}
