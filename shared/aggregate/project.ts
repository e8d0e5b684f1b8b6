// The pure heart of the aggregation: what one accepted event changes, given what is known
// about its warning. No I/O and no clock: the store applies the result to its rollups in the
// event's transaction, and the live wall state applies the same result to what it shows.
import type { WarningEvent } from '../schema/events';
import type { ClaimEvent, StoredEvent } from '../schema/claim-event';
import type { ZonedCalendar } from '../time/zoned-calendar';
import type { EscalationStage, RiskLevel } from '../vocabulary';
import { CLOSURE_LIMITS_MINUTES, TIMELY_CONTACT_MINUTES, type CounterChange, type Metric, type VolumeChange } from './metrics';
import type { EscalationRecord, ProjectionContext, WarningRecord } from './records';
import { movesForward } from '../schema/step-rules';

export interface Projection {
  /** The event's `at` in epoch ms, and the local day it counts on. */
  readonly atMs: number;
  readonly day: string;
  readonly counters: CounterChange[];
  readonly volume: VolumeChange[];
  /** A warning to remember (the event is a warning). */
  readonly warning?: WarningRecord;
  /** The warning's escalation, new or changed. */
  readonly escalation?: EscalationRecord;
}

const CONTACT_METRIC = {
  dissuaded: 'contact.dissuaded',
  not_deceived: 'contact.not_deceived',
  unreachable: 'contact.unreachable',
} as const satisfies Record<string, Metric>;

export function project(event: StoredEvent, context: ProjectionContext, calendar: ZonedCalendar): Projection {
  const atMs = Date.parse(event.at);
  const day = calendar.dayKey(atMs);
  const counters: CounterChange[] = [];
  const volume: VolumeChange[] = [];
  const count = (metric: Metric, delta: number, at: { day: string; county: string } = { day, county: event.county }) =>
    counters.push({ day: at.day, county: at.county, metric, delta });

  switch (event.type) {
    case 'warning': {
      const warning = warningRecord(event, atMs, day, calendar.bucketOf(atMs));
      // A warning whose escalation arrived first is high risk from the start.
      const level: RiskLevel = context.escalation ? 'high' : warning.level;
      count('warnings', 1);
      count(`level.${level}`, 1);
      count(`source.${event.source}`, 1);
      count(`type.${event.fraudType}`, 1);
      // A call stored before its warning arrived may already have been in time.
      if (context.firstContactMs !== undefined && isTimely(context.firstContactMs, atMs)) count('warning.timely', 1);
      volume.push({ day, county: event.county, bucket: warning.bucket, level, delta: 1 });
      return { atMs, day, counters, volume, warning };
    }
    case 'contact': {
      count(CONTACT_METRIC[event.result], 1);
      count(`channel.${event.channel ?? 'unknown'}.${event.result}`, 1);
      const warning = context.warning;
      if (warning && isTimely(atMs, warning.atMs) && !(context.firstContactMs !== undefined && isTimely(context.firstContactMs, warning.atMs))) {
        count('warning.timely', 1, { day: warning.day, county: warning.county });
      }
      if (event.result !== 'unreachable') return { atMs, day, counters, volume };
      const escalation = escalate(context, { warningId: event.warningId, stage: 'opened', atMs, county: event.county }, calendar, counters, volume);
      return { atMs, day, counters, volume, ...(escalation ? { escalation } : {}) };
    }
    case 'escalation': {
      const step = {
        warningId: event.warningId,
        stage: event.step,
        atMs,
        county: event.county,
        ...(event.station === undefined ? {} : { station: event.station }),
        ...(event.grid === undefined ? {} : { grid: event.grid }),
        ...(event.outcome === undefined ? {} : { outcome: event.outcome }),
      };
      const escalation = escalate(context, step, calendar, counters, volume);
      return { atMs, day, counters, volume, ...(escalation ? { escalation } : {}) };
    }
    case 'interception':
      count(`intercept.${event.kind}`, event.amountFen);
      return { atMs, day, counters, volume };
    case 'case':
      count(`case.${event.kind}`, event.count ?? 1);
      if (event.lossFen !== undefined) count('case.lossFen', event.lossFen);
      return { atMs, day, counters, volume };
    case 'outreach': {
      const sessions = event.sessions ?? 1;
      count('outreach.sessions', sessions);
      count('outreach.people', event.people);
      count(`outreach.${event.unit}.sessions`, sessions);
      count(`outreach.${event.unit}.people`, event.people);
      return { atMs, day, counters, volume };
    }
    case 'claim': {
      const escalation = held(context.escalation, event);
      return { atMs, day, counters, volume, ...(escalation ? { escalation } : {}) };
    }
    default:
      return assertNever(event);
  }
}

/** The warning whose history decides what this event changes, if any. */
export function warningIdOf(event: StoredEvent): string | undefined {
  switch (event.type) {
    case 'warning':
      return event.id;
    case 'contact':
    case 'escalation':
    case 'claim':
      return event.warningId;
    default:
      return undefined;
  }
}

/**
 * What the next event on the same warning sees once `event` has been applied: the store and
 * the integrity check carry contexts forward with this instead of reading them back.
 */
export function followingContext(context: ProjectionContext, event: StoredEvent, projection: Projection): ProjectionContext {
  const warning = projection.warning ?? context.warning;
  const escalation = projection.escalation ?? context.escalation;
  const firstContactMs =
    event.type === 'contact' ? Math.min(context.firstContactMs ?? Infinity, projection.atMs) : context.firstContactMs;
  return {
    ...(warning ? { warning } : {}),
    ...(escalation ? { escalation } : {}),
    ...(firstContactMs === undefined ? {} : { firstContactMs }),
  };
}

interface Step {
  readonly warningId: string;
  readonly stage: EscalationStage;
  readonly atMs: number;
  readonly county: string;
  readonly station?: string;
  readonly grid?: string;
  readonly outcome?: EscalationRecord['outcome'];
}

/**
 * Applies an unreachable call (`opened`) or an escalation step to the warning's latest
 * escalation, per the contract: open one if there is none; move an open one forward only;
 * leave a resolved one alone unless an unreachable call comes after its resolution.
 */
function escalate(
  context: ProjectionContext,
  step: Step,
  calendar: ZonedCalendar,
  counters: CounterChange[],
  volume: VolumeChange[],
): EscalationRecord | undefined {
  const current = context.escalation;
  const stepDay = calendar.dayKey(step.atMs);

  if (current && current.stage !== 'resolved') {
    let next: EscalationRecord = current;
    if (step.atMs < current.openedAtMs) {
      next = { ...next, openedAtMs: step.atMs };
      const before = calendar.dayKey(current.openedAtMs);
      if (before !== stepDay) {
        counters.push({ day: before, county: current.county, metric: 'escalation.opened', delta: -1 });
        counters.push({ day: stepDay, county: current.county, metric: 'escalation.opened', delta: 1 });
      }
    }
    if (movesForward(current, step.stage)) {
      next = advance(next, step);
      if (step.stage === 'resolved') countResolution(step, stepDay, next, counters);
    }
    return next === current ? undefined : next;
  }

  const reopensAfterResolution =
    current !== undefined && step.stage === 'opened' && step.atMs > current.stageAtMs;
  if (current && !reopensAfterResolution) return undefined;

  const opened: EscalationRecord = {
    warningId: step.warningId,
    n: (current?.n ?? 0) + 1,
    county: step.county,
    openedAtMs: step.atMs,
    stage: 'opened',
    stageAtMs: step.atMs,
  };
  counters.push({ day: stepDay, county: step.county, metric: 'escalation.opened', delta: 1 });
  if (!current && context.warning) raiseToHigh(context.warning, counters, volume);
  if (step.stage === 'opened') return opened;
  if (step.stage === 'resolved') countResolution(step, stepDay, opened, counters);
  return advance(opened, step);
}

/** Who holds an open escalation after a claim, a release or a takeover; counted nowhere. */
function held(escalation: EscalationRecord | undefined, claim: ClaimEvent): EscalationRecord | undefined {
  if (!escalation || escalation.stage === 'resolved') return undefined;
  if (claim.action === 'release') {
    const { holder: _released, ...rest } = escalation;
    return rest;
  }
  return { ...escalation, holder: claim.by };
}

function advance(escalation: EscalationRecord, step: Step): EscalationRecord {
  return {
    ...escalation,
    stage: step.stage,
    stageAtMs: step.atMs,
    ...(step.station === undefined ? {} : { station: step.station }),
    ...(step.grid === undefined ? {} : { grid: step.grid }),
    ...(step.stage === 'station' ? { stationAtMs: step.atMs } : {}),
    ...(step.stage === 'grid' ? { gridAtMs: step.atMs } : {}),
    ...(step.outcome === undefined ? {} : { outcome: step.outcome }),
  };
}

function countResolution(step: Step, day: string, escalation: EscalationRecord, counters: CounterChange[]): void {
  const county = escalation.county;
  counters.push({ day, county, metric: 'escalation.resolved', delta: 1 });
  if (step.outcome) counters.push({ day, county, metric: `outcome.${step.outcome}`, delta: 1 });
  const minutes = (step.atMs - escalation.openedAtMs) / 60_000;
  for (const limit of CLOSURE_LIMITS_MINUTES) {
    if (minutes <= limit) counters.push({ day, county, metric: `resolved.within.${limit}`, delta: 1 });
  }
}

/** A call at `callMs` is in time for a warning issued at `warningMs`. */
function isTimely(callMs: number, warningMs: number): boolean {
  return callMs - warningMs <= TIMELY_CONTACT_MINUTES * 60_000;
}

/** A warning's first escalation makes it high risk: move it between levels on its own day. */
function raiseToHigh(warning: WarningRecord, counters: CounterChange[], volume: VolumeChange[]): void {
  if (warning.level === 'high') return;
  const at = { day: warning.day, county: warning.county };
  counters.push({ ...at, metric: `level.${warning.level}`, delta: -1 }, { ...at, metric: 'level.high', delta: 1 });
  volume.push(
    { ...at, bucket: warning.bucket, level: warning.level, delta: -1 },
    { ...at, bucket: warning.bucket, level: 'high', delta: 1 },
  );
}

function warningRecord(event: WarningEvent, atMs: number, day: string, bucket: number): WarningRecord {
  return {
    id: event.id,
    county: event.county,
    day,
    bucket,
    atMs,
    level: event.level,
    source: event.source,
    fraudType: event.fraudType,
    phone: event.victim.phone,
    ...(event.victim.name === undefined ? {} : { name: event.victim.name }),
  };
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
