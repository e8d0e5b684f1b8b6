// The writer's use cases, written once for both engines over their ports (ports.ts): a batch
// parsed, validated and committed; an operator's step decided and stored under the write lock;
// sign-in, accounts, the audit trail and retention — each write refused before it starts while
// health says it would not be kept.
import { ZonedCalendar } from '../../../shared/time/zoned-calendar';
import { AccountDesk } from '../../accounts/account-desk';
import { keyFits } from '../../audit/audit-chain';
import { SignInDesk } from '../../accounts/sign-in';
import { IncomingBatches, ingestAnswer, stepAnswer } from '../../ingest/incoming-batch';
import { planStep } from '../../operator/step-request';
import { randomUUID } from 'node:crypto';
import { decideClaim, holdAfterStep } from '../../../shared/aggregate/claim';
import { eventIdSchema } from '../../../shared/schema/events';
import { withServerEvent } from '../../ingest/incoming-batch';
import type { Playlist, PushedScene } from '../../../shared/protocol/wall-scene';
import type { AlertTarget } from '../../../shared/protocol/alert-target';
import type { AlertMessage } from '../../alerts/alert-message';
import { sceneKey, slotOfKey } from '../../walls/wall-control-api';
import type { WriterPorts } from '../ports';
import { feedsOf, noteArrivals } from '../../feeds/feed-arrivals';
import { FEED_WEEKS } from '../../feeds/feeds-api';
import type { WindowCount } from '../../surges/surges-api';
import type { FraudType } from '../../../shared/vocabulary';
import { weekHourOf } from '../../../shared/time/hour-of-week';
import type { StoreSettings } from '../store-settings';
import type { WriterApi } from '../store';

export function writerService(ports: WriterPorts, settings: StoreSettings): WriterApi {
  const calendar = new ZonedCalendar(settings.timeZone);
  const incoming = new IncomingBatches(settings);
  const signIns = new SignInDesk(ports.accounts, ports.sessions, ports.signInFailures, (address) => ports.addressFailures(address), ports.ssoBindings, settings.sessionIdleMs);
  const accounts = new AccountDesk(ports.accounts, ports.sessions, ports.signInFailures);
  /** A write: refused before it starts while health says it would not be kept. */
  const write = async <T>(work: () => T | Promise<T>): Promise<T> => {
    await ports.health.assertWritable();
    return work();
  };

  return {
    async ingest(input, nowMs) {
      // Parsed and validated before the lock: a large batch never holds other writers back.
      const batch = incoming.read(input, nowMs);
      if (!batch.ok) return batch;
      const plan = await ports.underWriteLock((tx) => tx.commit(batch, nowMs));
      await noteArrivals(ports.feeds, calendar, feedsOf(plan.applied, input.sender), nowMs);
      return ingestAnswer(plan);
    },
    recordStep: (warningId, body, nowMs, within, actor) =>
      // Read and written under the write lock: two operators, on any nodes, cannot both move the same step.
      ports.underWriteLock(async (tx) => {
        const escalation = await tx.escalationOf(warningId);
        const plan = planStep(warningId, body, escalation, nowMs, calendar, within);
        if (!plan.ok) return { status: plan.status, bodyJson: JSON.stringify({ error: plan.error }) };
        const batch = incoming.sort([plan.event], nowMs);
        // The account that acts is on it: another's hold passes to it, in the same commit.
        const hold = actor && escalation && plan.event.step !== 'resolved' && batch.valid.length === 1
          ? holdAfterStep(escalation, actor, { warningId, nowMs, id: `op-${randomUUID()}`, within, calendar })
          : undefined;
        return stepAnswer(await tx.commit(hold ? withServerEvent(batch, hold) : batch, nowMs), plan.event);
      }),
    recordClaim: (warningId, action, by, nowMs, within) =>
      ports.underWriteLock(async (tx) => {
        const escalation = eventIdSchema.safeParse(warningId).success ? await tx.escalationOf(warningId) : undefined;
        const decision = decideClaim(escalation, action, by, { warningId, nowMs, id: `op-${randomUUID()}`, within, calendar });
        if (!decision.ok) return decision;
        if (decision.event) await tx.commit(withServerEvent({ valid: [], invalid: [] }, decision.event), nowMs);
        return { status: action === 'claim' && decision.event ? 201 : 200, holder: action === 'claim' ? by : null };
      }),
    async wallControl(nowMs) {
      const { scenes, playlists } = await ports.wallControl.rows(nowMs);
      // Rows hold only what the routes checked before writing.
      return {
        scenes: scenes.map(({ key, body }) => ({ slot: slotOfKey(key), scene: JSON.parse(body) as PushedScene })),
        playlists: playlists.map(({ body }) => JSON.parse(body) as Playlist),
      };
    },
    setScene: (scope, slot, scene, nowMs) =>
      write(() =>
        scene === null
          ? ports.wallControl.removeScene(sceneKey(scope, slot), nowMs)
          : ports.wallControl.putScene(sceneKey(scope, slot), JSON.stringify(scene), Date.parse(scene.until), nowMs),
      ),
    setPlaylist: (scope, playlist) => write(() => (playlist === null ? ports.wallControl.removePlaylist(scope) : ports.wallControl.putPlaylist(scope, JSON.stringify(playlist)))),
    // Rows hold only what the routes and rules checked before writing.
    alertTargets: async () => (await ports.alerts.targets()).map(({ body }) => JSON.parse(body) as AlertTarget),
    saveAlertTarget: (target, mode) => write(() => ports.alerts.saveTarget(target.name, target.scope, JSON.stringify(target), mode)),
    removeAlertTarget: (name) => write(() => ports.alerts.removeTarget(name)),
    raiseAlarms: (alarms, repeatMs, nowMs) =>
      write(() => ports.alerts.raise(alarms.map(({ target, subject, message }) => ({ target, subject, body: JSON.stringify(message) })), repeatMs, nowMs)),
    takeAlertSending: (node, nowMs, untilMs) => write(() => ports.alerts.takeSending(node, nowMs, untilMs)),
    releaseAlertSending: async (node) => ports.alerts.releaseSending(node),
    dueAlerts: async (nowMs, limit) => (await ports.alerts.due(nowMs, limit)).map(({ body, ...row }) => ({ ...row, message: JSON.parse(body) as AlertMessage })),
    alertDeliveriesSince: async (sinceMs) => Object.fromEntries((await ports.alerts.deliveriesSince(sinceMs)).map((row) => [row.target, row.deliveries])),
    settleAlerts: (delivery, nowMs) => write(() => ports.alerts.settle(delivery, nowMs)),
    alertOutbox: async () => ports.alerts.outbox(),
    async typeVolume(windows) {
      const counts: WindowCount[] = [];
      for (const [window, ranges] of windows.entries()) {
        const sums = new Map<string, WindowCount>();
        for (const range of ranges) {
          for (const row of await ports.surges.typeVolume(range.day, range.from, range.to)) {
            const key = `${row.county}\u0000${row.fraudType}`;
            const before = sums.get(key)?.count ?? 0;
            sums.set(key, { window, county: row.county, fraudType: row.fraudType as FraudType, count: before + row.count });
          }
        }
        counts.push(...sums.values());
      }
      return counts;
    },
    recordSurges: (day, surges, nowMs) =>
      write(async () => {
        for (const s of surges) await ports.surges.record(day, s.scope, s.fraudType, s.sinceMs, s.count, s.baseline, nowMs);
      }),
    surgesOfDay: async (day) => ports.surges.ofDay(day),
    async feeds(nowMs) {
      const now = weekHourOf(nowMs, calendar);
      const { feeds, gaps } = await ports.feeds.rows(now.week - FEED_WEEKS);
      // The previous weeks' longest silence per feed and hour (this week's is not yet "usual").
      const longest = new Map<string, number>();
      for (const gap of gaps) {
        const key = `${gap.source}\u0000${gap.hour}`;
        if (gap.week < now.week) longest.set(key, Math.max(longest.get(key) ?? 0, gap.longestMs));
      }
      return feeds.map(({ source, lastMs }) => {
        const usual = longest.get(`${source}\u0000${weekHourOf(lastMs, calendar).hour}`);
        return { source, lastMs, ...(usual === undefined ? {} : { usualGapMs: usual }) };
      });
    },
    liveBasis: async (day) => ports.liveBasis(day),
    checkHealth: async () => ports.health.check(),
    openEscalationRecords: async () => ports.openEscalationRecords(),
    hasEvents: async () => ports.hasEvents(),
    countAuthFailure: (address, nowMs) => write(() => ports.countAuthFailure(address, nowMs)),
    signInCheck: async (username, address, nowMs) => signIns.check(username, address, nowMs),
    signInFailed: (username, address, nowMs) => write(() => signIns.failed(username, address, nowMs)),
    signInSucceeded: (username, address, checkedHash, nowMs) => write(() => signIns.succeeded(username, address, checkedHash, nowMs)),
    signInVouched: (identity, nowMs) => write(() => signIns.signInVouched(identity, nowMs)),
    sessionOf: (sessionId, nowMs, use = true) => signIns.session(sessionId, nowMs, use),
    signOut: (sessionId) => signIns.signOut(sessionId),
    administerAccount: (command, nowMs) => write(() => accounts.apply(command, nowMs)),
    accountList: () => accounts.list(),
    devices: () => accounts.devices(),
    audit: (entry) =>
      write(async () => {
        await ports.health.assertAuditRoom();
        return ports.audit.append(entry);
      }),
    auditHead: async () => ports.audit.head(),
    auditKeyFits: async () => keyFits(await ports.audit.newestRecord(), settings.auditKey),
    pruneAudit: (cutoffMs, nowMs, limit) => write(() => ports.audit.prune(cutoffMs, nowMs, limit)),
    erasePii: (cutoffMs, limit) => write(() => ports.eraser.chunk(cutoffMs, limit)),
    compactErased: async () => ports.eraser.compact(),
    metaGet: async (key) => ports.metaGet(key),
    metaSet: (key, value) => write(() => ports.metaSet(key, value)),
    databaseBytes: async () => ports.databaseBytes(),
    schemaVersions: async () => ports.schemaVersions(),
    close: async () => ports.close(),
  };
}
