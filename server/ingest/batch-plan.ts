// What one ingest batch does to the store, decided without touching it: duplicates and id
// conflicts sorted out, the money bound kept, each event projected in the context the events
// before it left. Both engines read what the batch needs (stored bodies, warning contexts, the
// money total), plan here, and write the plan in one transaction — so SQLite and PostgreSQL
// cannot count the same batch differently.
import { followingContext, project, warningIdOf } from '../../shared/aggregate/project';
import type { ProjectionContext } from '../../shared/aggregate/records';
import { countedEvent } from '../../shared/schema/counted-event';
import type { StoredEvent } from '../../shared/schema/claim-event';
import type { ZonedCalendar } from '../../shared/time/zoned-calendar';
import { fieldsDiffering, idConflictErrors } from './id-conflict';
import { MONEY_TOTAL_LIMIT_FEN, moneyOf } from './money-bound';
import type { AppliedEvent } from '../aggregate/applied-event';
import { RollupBatch } from '../aggregate/rollup-batch';

/** The form an event is stored and compared in: the validated object, keys in schema order. */
export function canonicalBody(event: StoredEvent): string {
  return JSON.stringify(event);
}

export interface ValidEvent {
  readonly index: number;
  readonly event: StoredEvent;
  /** The event as it was received, kept if its id turns out to conflict. */
  readonly raw: unknown;
  /** The counties its sender may act in (an upstream key's scope); absent: every county. */
  readonly within?: ReadonlySet<string>;
}

export interface Rejection {
  readonly index: number;
  readonly id?: string;
  readonly errors: readonly string[];
  /** The event as it was received. */
  readonly raw: unknown;
}


/** What a batch needs to know of the store before it is planned. */
export interface StoredKnowledge {
  /** The canonical bodies already stored under the batch's ids. */
  readonly bodies: ReadonlyMap<string, string>;
  /** The projection context of each warning the batch touches that has one. */
  readonly contexts: ReadonlyMap<string, ProjectionContext>;
  /** All money stored so far, in 分. */
  readonly money: number;
}

export interface BatchPlan {
  readonly applied: AppliedEvent[];
  readonly duplicates: number;
  /** Invalid events and id conflicts, in index order. */
  readonly rejected: Rejection[];
  /** The batch's rollup changes, summed. */
  readonly rollups: RollupBatch;
  /** The money total after the batch. */
  readonly money: number;
}

export function planBatch(valid: readonly ValidEvent[], invalid: readonly Rejection[], known: StoredKnowledge, calendar: ZonedCalendar): BatchPlan {
  const applied: AppliedEvent[] = [];
  const rejected = [...invalid];
  const rollups = new RollupBatch();
  const bodies = new Map(known.bodies);
  const contexts = new Map(known.contexts);
  let duplicates = 0;
  let money = known.money;

  for (const { index, event: sent, raw, within } of valid) {
    const body = canonicalBody(sent);
    const event = countedEvent(sent);
    const stored = bodies.get(event.id);
    if (stored !== undefined) {
      // Compared field by field only when the text differs: a resend is usually byte-identical.
      const differing = stored === body ? [] : fieldsDiffering(stored, sent);
      if (differing.length === 0) duplicates++;
      else rejected.push({ index, id: event.id, errors: idConflictErrors(differing), raw });
      continue;
    }
    // A key bound to a scope acts on its own warnings only: the warning, and any escalation of it,
    // as stored or as this batch left them, must lie in its counties.
    const outside = within && outsideCounty(within, warningIdOf(event), contexts);
    if (outside !== undefined) {
      rejected.push({ index, id: event.id, errors: [`warningId: warning ${warningIdOf(event)} is in county ${outside}, outside the scope of this ingest key`], raw });
      continue;
    }
    const adds = moneyOf(event);
    if (adds && money + adds.fen > MONEY_TOTAL_LIMIT_FEN) {
      rejected.push({ index, id: event.id, errors: [`${adds.field}: would take the money stored in all past ${MONEY_TOTAL_LIMIT_FEN} 分, beyond exact sums`], raw });
      continue;
    }
    money += adds?.fen ?? 0;
    bodies.set(event.id, body);
    // Later events in the batch see what earlier ones changed.
    const warningId = warningIdOf(event);
    const context = (warningId === undefined ? undefined : contexts.get(warningId)) ?? {};
    const projection = project(event, context, calendar);
    if (warningId !== undefined) contexts.set(warningId, followingContext(context, event, projection));
    rollups.addCounters(projection.counters);
    rollups.addVolume(projection.volume);
    if (event.type === 'warning') rollups.addTypeVolume(event.fraudType, projection.volume);
    applied.push({ event, body, context, projection });
  }

  rejected.sort((a, b) => a.index - b.index);
  return { applied, duplicates, rejected, rollups, money };
}

/** The county outside `within` that the warning or its escalation lies in, if any. */
function outsideCounty(within: ReadonlySet<string>, warningId: string | undefined, contexts: ReadonlyMap<string, ProjectionContext>): string | undefined {
  const context = warningId === undefined ? undefined : contexts.get(warningId);
  return [context?.warning?.county, context?.escalation?.county].find((county) => county !== undefined && !within.has(county));
}

/** The ids a batch's plan needs the stored bodies of, and the warnings it needs the contexts of. */
export function batchKeys(valid: readonly ValidEvent[]): { ids: string[]; warningIds: string[] } {
  return {
    ids: valid.map(({ event }) => event.id),
    warningIds: [...new Set(valid.map(({ event }) => warningIdOf(event)).filter((id) => id !== undefined))],
  };
}
