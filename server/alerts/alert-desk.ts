// The node that sends (issue 26). Every couple of real seconds each node looks — reads only — at
// what its rules find (every rulesEveryMs) and what waits in the outbox; when there is work it
// asks for the sending lease, and the node holding it queues what the rules found (once per
// subject per repeat, alerts-api.ts) and delivers what is due. A quiet round writes nothing, so
// a database that is locked or full is not waited on for nothing. Delivery: at most a
// target's minute's worth of requests, the rest as a digest (delivery-plan.ts), a failing target
// paused with a growing backoff so a throttled robot is not hammered. Nothing leaves the outbox
// until the service's own answer says it took it (webhook-answer.ts); every attempt is an audit
// record. Time here is real time, whatever the demo's clock: alarms are for people.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AlertTarget } from '../../shared/protocol/alert-target';
import type { AuditApi } from '../audit/audit-api';
import type { Alarm } from './alarm';
import type { AlertDirectory } from './alert-directory';
import type { AlertsApi, OutboxMessage, RaisedAlarm } from './alerts-api';
import { PER_TARGET_PER_MINUTE, planDeliveries, type PlannedRequest } from './delivery-plan';
import type { WebhookPost } from './webhook-post';
import { sendAlarm } from './send-alarm';

/** How often the desk looks, runs the rules, and waits after a failure (tests shorten them). */
export interface AlertTiming {
  readonly roundEveryMs: number;
  readonly rulesEveryMs: number;
  /** After the n-th failed attempt a target waits the n-th of these (the last one thereafter). */
  readonly backoffMs: readonly number[];
  /** How often every node reads which targets fail, for its walls (alert-standing.ts). */
  readonly standingEveryMs?: number;
  /** How long writes fail before the storage alarm (storage-watch.ts), and how often it looks. */
  readonly storageGraceMs?: number;
  readonly storageCheckEveryMs?: number;
  /** How often every node reads its feeds (feed-watch.ts). */
  readonly feedWatchEveryMs?: number;
  /** How often every node counts the last hour for surges (surge-watch.ts). */
  readonly surgeEveryMs?: number;
}

export const ALERT_TIMING: AlertTiming = { roundEveryMs: 2_000, rulesEveryMs: 15_000, backoffMs: [5_000, 10_000, 20_000, 40_000, 60_000] };
/** A sender that stops renewing (it crashed, lost the database) hands over after this. */
const LEASE_MS = 20_000;
/** Waiting messages one round reads at most; a backlog beyond it goes in the next rounds. */
const DUE_LIMIT = 500;
/** A message for a target no longer configured is kept (it may come back) but looked at hourly. */
const UNKNOWN_TARGET_RETRY_MS = 3_600_000;

export interface AlertDeskOptions {
  readonly store: AlertsApi & AuditApi;
  readonly directory: AlertDirectory;
  /** Each rule's alarms now. */
  readonly rules: readonly (() => Alarm[])[];
  readonly post: WebhookPost;
  readonly repeatMs: number;
  readonly logger: Logger;
  /** The demo's clock, for the audit trail's times; the desk itself runs on real time. */
  readonly now: () => number;
  readonly realNow?: () => number;
  readonly timing?: AlertTiming;
}

export class AlertDesk {
  readonly #node = randomUUID();
  readonly #o: AlertDeskOptions;
  readonly #realNow: () => number;
  readonly #timing: AlertTiming;
  /** Per target: no request before this (it failed), in real ms. */
  readonly #pausedUntil = new Map<string, number>();
  /** (target, subject) → when this node last raised it: a round need not ask the store again within the repeat. */
  readonly #raised = new Map<string, number>();
  #nextRulesAt = 0;
  #timer: NodeJS.Timeout | undefined;
  #round: Promise<void> | undefined;

  constructor(options: AlertDeskOptions) {
    this.#o = options;
    this.#realNow = options.realNow ?? Date.now;
    this.#timing = options.timing ?? ALERT_TIMING;
  }

  start(): void {
    this.#timer = setInterval(() => void this.runRound(), this.#timing.roundEveryMs);
  }

  /** One round now (tests, and the timer); a round still running is waited for, not doubled. */
  runRound(): Promise<void> {
    this.#round ??= this.#roundOnce()
      .catch((error: unknown) => this.#o.logger.warn({ err: error }, 'the alarm round failed; the next one tries again'))
      .finally(() => (this.#round = undefined));
    return this.#round;
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#round;
    await this.#o.store.releaseAlertSending(this.#node).catch(() => {});
  }

  async #roundOnce(): Promise<void> {
    const targets = (await this.#o.directory.all()).map((known) => known.target);
    const now = this.#realNow();
    if (now >= this.#nextRulesAt) {
      this.#nextRulesAt = now + this.#timing.rulesEveryMs;
      const fresh = this.#fresh(this.#o.directory.address(this.#o.rules.flatMap((rule) => rule()), targets), now);
      if (fresh.length > 0 && (await this.#holdLease())) await this.#raise(fresh, now);
    }
    const due = await this.#o.store.dueAlerts(now, DUE_LIMIT);
    if (due.length === 0 || !(await this.#holdLease())) return;
    const used = await this.#o.store.alertDeliveriesSince(now - 60_000);
    const byName = new Map(targets.map((target) => [target.name, target]));
    const waiting = new Map<string, OutboxMessage[]>();
    for (const message of due) {
      const same = waiting.get(message.target);
      if (same) same.push(message);
      else waiting.set(message.target, [message]);
    }
    await Promise.all(
      [...waiting].map(async ([name, messages]) => {
        const target = byName.get(name);
        if (!target) {
          await this.#o.store.settleAlerts({ target: name, ids: messages.map((m) => m.id), ok: false, error: 'target no longer configured', retryAtMs: now + UNKNOWN_TARGET_RETRY_MS }, now);
          return;
        }
        if ((this.#pausedUntil.get(name) ?? 0) > now) return;
        await this.#deliver(target, messages, planDeliveries(messages, PER_TARGET_PER_MINUTE - (used[name] ?? 0)));
      }),
    );
  }

  async #holdLease(): Promise<boolean> {
    const now = this.#realNow();
    return this.#o.store.takeAlertSending(this.#node, now, now + LEASE_MS);
  }

  /** The alarms this node has not raised within the repeat (the store decides for every node). */
  #fresh(raised: readonly RaisedAlarm[], now: number): RaisedAlarm[] {
    for (const [key, at] of this.#raised) if (now - at >= this.#o.repeatMs) this.#raised.delete(key);
    return raised.filter((alarm) => !this.#raised.has(`${alarm.target}\u0000${alarm.subject}`));
  }

  async #raise(fresh: readonly RaisedAlarm[], now: number): Promise<void> {
    await this.#o.store.raiseAlarms(fresh, this.#o.repeatMs, now);
    for (const alarm of fresh) this.#raised.set(`${alarm.target}\u0000${alarm.subject}`, now);
  }

  /** One target's requests in order; the first failure pauses the target and ends its round. */
  async #deliver(target: AlertTarget, messages: readonly OutboxMessage[], plan: readonly PlannedRequest[]): Promise<void> {
    const attemptsOf = new Map(messages.map((m) => [m.id, m.attempts]));
    for (const request of plan) {
      // Renewed before each request: a round slowed by a hanging robot must not outlive the lease.
      if (!(await this.#holdLease())) return;
      const answer = await sendAlarm(this.#o.post, target, request.message, this.#realNow());
      const now = this.#realNow();
      const attempt = Math.max(...request.ids.map((id) => attemptsOf.get(id) ?? 0)) + 1;
      if (answer.ok) {
        this.#pausedUntil.delete(target.name);
        await this.#o.store.settleAlerts({ target: target.name, ids: request.ids, ok: true }, now);
      } else {
        const backoff = this.#timing.backoffMs;
        const retryAtMs = now + backoff[Math.min(attempt, backoff.length) - 1]!;
        this.#pausedUntil.set(target.name, retryAtMs);
        await this.#o.store.settleAlerts({ target: target.name, ids: request.ids, ok: false, error: answer.error, retryAtMs }, now);
      }
      await this.#o.store.audit({
        atMs: this.#o.now(),
        actor: 'system:alerts',
        role: 'system',
        scope: target.scope,
        action: 'alert-message',
        object: JSON.stringify({ target: target.name, rule: request.message.rule, title: request.message.title, messages: request.ids.length, attempt }),
        result: answer.ok ? 'sent' : `failed: ${answer.error}`,
        address: '',
      });
      if (!answer.ok) return;
    }
  }
}
