// What the alarms ask of the store (issue 26): the targets admins saved, and a persistent outbox
// in both engines — an alarm is queued once per repeat however many nodes raise it, one node at a
// time sends (a lease), and nothing leaves the outbox until a service has said it took it.
import type { AlertTarget } from '../../shared/protocol/alert-target';
import type { AlertMessage } from './alert-message';

/** An alarm for one target: `subject` names what it is about, so a repeat is recognised. */
export interface RaisedAlarm {
  readonly target: string;
  /** overdue:<warningId>, surge:<scope>:<type>, feed:<source>, storage. */
  readonly subject: string;
  readonly message: AlertMessage;
}

export interface OutboxMessage {
  readonly id: number;
  readonly target: string;
  readonly subject: string;
  readonly message: AlertMessage;
  readonly createdMs: number;
  /** Failed attempts so far. */
  readonly attempts: number;
}

/** One request's outcome: the messages it carried (one, or a digest's), sent or to try again. */
export type Delivery =
  | { readonly target: string; readonly ids: readonly number[]; readonly ok: true }
  | { readonly target: string; readonly ids: readonly number[]; readonly ok: false; readonly error: string; readonly retryAtMs: number };

/** A target's outbox as /admin, the console, the walls' health and /metrics show it. */
export interface TargetOutbox {
  readonly target: string;
  readonly sent: number;
  readonly failed: number;
  readonly pending: number;
  readonly oldestPendingMs?: number;
  /** The most failed attempts among its waiting messages. */
  readonly pendingAttempts: number;
  readonly lastSentMs?: number;
  readonly lastError?: string;
}

export type TargetChange = 'done' | 'exists' | 'missing';

export interface AlertsApi {
  /** The targets saved on /admin (the file's are the server's own). */
  alertTargets(): Promise<AlertTarget[]>;
  /** Adds a target (`exists` if the name is taken) or replaces one (`missing` if there is none). */
  saveAlertTarget(target: AlertTarget, mode: 'add' | 'replace'): Promise<TargetChange>;
  removeAlertTarget(name: string): Promise<TargetChange>;
  /** Queues each alarm unless its subject was raised for that target within `repeatMs`; how many were queued. */
  raiseAlarms(alarms: readonly RaisedAlarm[], repeatMs: number, nowMs: number): Promise<number>;
  /** Whether this node sends now: it holds the lease until `untilMs`, or another node does. */
  takeAlertSending(node: string, nowMs: number, untilMs: number): Promise<boolean>;
  releaseAlertSending(node: string): Promise<void>;
  dueAlerts(nowMs: number, limit: number): Promise<OutboxMessage[]>;
  /** Requests each target took since `sinceMs` (a digest counts once): what its minute has left. */
  alertDeliveriesSince(sinceMs: number): Promise<Record<string, number>>;
  settleAlerts(delivery: Delivery, nowMs: number): Promise<void>;
  alertOutbox(): Promise<TargetOutbox[]>;
}

/** Each engine's tables, written once per engine; the service (services/writer.ts) is the same for both. */
export interface AlertTables {
  targets(): Awaitable<{ name: string; body: string }[]>;
  saveTarget(name: string, scope: string, body: string, mode: 'add' | 'replace'): Awaitable<TargetChange>;
  removeTarget(name: string): Awaitable<TargetChange>;
  raise(alarms: readonly { target: string; subject: string; body: string }[], repeatMs: number, nowMs: number): Awaitable<number>;
  takeSending(node: string, nowMs: number, untilMs: number): Awaitable<boolean>;
  releaseSending(node: string): Awaitable<void>;
  due(nowMs: number, limit: number): Awaitable<{ id: number; target: string; subject: string; body: string; createdMs: number; attempts: number }[]>;
  deliveriesSince(sinceMs: number): Awaitable<{ target: string; deliveries: number }[]>;
  settle(delivery: Delivery, nowMs: number): Awaitable<void>;
  outbox(): Awaitable<TargetOutbox[]>;
}

/** Delivered messages are kept a week (the audit trail keeps each outcome for its months). */
export const SENT_KEPT_MS = 7 * 86_400_000;
/** A subject not raised for a day is forgotten: raised again, it is a new alarm. */
export const SUBJECTS_KEPT_MS = 86_400_000;
/** Rows a settlement sweeps at most, so no write waits on a long delete. */
export const SWEEP_LIMIT = 500;

/** One line per target from the waiting messages and the running counts, as either engine reads them (PostgreSQL's counts come as text). */
export function mergedOutbox(
  pending: readonly { target: string; pending: number | string; oldestMs: number | string; attempts: number | string }[],
  counts: readonly { target: string; sent: number | string; failed: number | string; lastSentMs: number | string | null; lastError: string | null }[],
): TargetOutbox[] {
  const waitingOf = new Map(pending.map((p) => [p.target, p]));
  const countOf = new Map(counts.map((c) => [c.target, c]));
  return [...new Set([...waitingOf.keys(), ...countOf.keys()])].sort().map((target) => {
    const waiting = waitingOf.get(target);
    const count = countOf.get(target);
    return {
      target,
      sent: Number(count?.sent ?? 0),
      failed: Number(count?.failed ?? 0),
      pending: Number(waiting?.pending ?? 0),
      ...(waiting ? { oldestPendingMs: Number(waiting.oldestMs) } : {}),
      pendingAttempts: Number(waiting?.attempts ?? 0),
      ...(count?.lastSentMs != null ? { lastSentMs: Number(count.lastSentMs) } : {}),
      ...(count?.lastError ? { lastError: count.lastError } : {}),
    };
  });
}

type Awaitable<T> = T | Promise<T>;
