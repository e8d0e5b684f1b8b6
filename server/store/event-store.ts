// One ingest batch = one transaction: accepted events, their projections, the rollups and the
// dead letters are committed together or not at all, before anyone is told about them.
import type { Database } from 'better-sqlite3';
import { followingContext, project, type Projection } from '../../shared/aggregate/project';
import type { ProjectionContext } from '../../shared/aggregate/records';
import type { FraudEvent } from '../../shared/schema/events';
import type { ZonedCalendar } from '../../shared/time/zoned-calendar';
import { DeadLetters, type DeadLetter } from './dead-letters';
import { canonicalBody, EventLog } from './event-log';
import { Meta } from './meta';
import { MONEY_TOTAL_LIMIT_FEN, moneyOf, MoneyTotal } from './money-total';
import { ProjectionTables } from './projection-tables';
import { RollupBatch, Rollups } from './rollups';
import { countedEvent } from '../../shared/region/legacy-codes';

export const ID_CONFLICT = 'id already used with different content';

export interface ValidEvent {
  readonly index: number;
  readonly event: FraudEvent;
  /** The event as it was received, kept if its id turns out to conflict. */
  readonly raw: unknown;
}

export interface Rejection {
  readonly index: number;
  readonly id?: string;
  readonly errors: readonly string[];
  /** The event as it was received. */
  readonly raw: unknown;
}

/** An event that changed the state, with what the live aggregation needs to follow it. */
export interface AppliedEvent {
  readonly event: FraudEvent;
  readonly context: ProjectionContext;
  readonly projection: Projection;
}

export interface CommitResult {
  readonly applied: AppliedEvent[];
  readonly duplicates: number;
  /** Invalid events and id conflicts, in index order. */
  readonly rejected: Rejection[];
  /** The batch's rollup changes, summed. */
  readonly rollups: RollupBatch;
}

export class EventStore {
  readonly log: EventLog;
  readonly tables: ProjectionTables;
  readonly rollups: Rollups;
  readonly deadLetters: DeadLetters;
  readonly meta: Meta;
  readonly #money: MoneyTotal;
  readonly #commit;

  constructor(
    readonly db: Database,
    private readonly calendar: ZonedCalendar,
  ) {
    this.log = new EventLog(db);
    this.tables = new ProjectionTables(db);
    this.rollups = new Rollups(db);
    this.deadLetters = new DeadLetters(db);
    this.meta = new Meta(db);
    this.#money = new MoneyTotal(db);
    this.#commit = db.transaction(this.#apply.bind(this));
  }

  /** Stores a validated batch and its rejections atomically; throws (and stores nothing) if the database fails. */
  commit(valid: readonly ValidEvent[], invalid: readonly Rejection[], receivedMs: number): CommitResult {
    return this.#commit(valid, invalid, receivedMs);
  }

  #apply(valid: readonly ValidEvent[], invalid: readonly Rejection[], receivedMs: number): CommitResult {
    const applied: AppliedEvent[] = [];
    const rejected = [...invalid];
    const batch = new RollupBatch();
    let duplicates = 0;
    const moneyBefore = this.#money.read();
    let money = moneyBefore;

    // Read what the batch needs in a few statements, then carry it forward event by event:
    // later events in the batch see what earlier ones changed.
    const bodies = this.log.bodiesOf(valid.map(({ event }) => event.id));
    const contexts = this.tables.contextsFor([...new Set(valid.map(({ event }) => warningIdOf(event)).filter((id) => id !== undefined))]);

    for (const { index, event: sent, raw } of valid) {
      // Stored as it was sent; counted under today's county (a legacy code's successor).
      const body = canonicalBody(sent);
      const event = countedEvent(sent);
      const stored = bodies.get(event.id);
      if (stored !== undefined) {
        if (stored === body) duplicates++;
        else rejected.push({ index, id: event.id, errors: [ID_CONFLICT], raw });
        continue;
      }
      const adds = moneyOf(event);
      if (adds && money + adds.fen > MONEY_TOTAL_LIMIT_FEN) {
        rejected.push({ index, id: event.id, errors: [`${adds.field}: would take the money stored in all past ${MONEY_TOTAL_LIMIT_FEN} 分, beyond exact sums`], raw });
        continue;
      }
      money += adds?.fen ?? 0;
      bodies.set(event.id, body);
      const warningId = warningIdOf(event);
      const context = (warningId === undefined ? undefined : contexts.get(warningId)) ?? {};
      const projection = project(event, context, this.calendar);
      if (warningId !== undefined) contexts.set(warningId, followingContext(context, event, projection));
      this.log.append({ event, body, atMs: projection.atMs, day: projection.day }, receivedMs);
      if (projection.warning) this.tables.saveWarning(projection.warning);
      if (projection.escalation) this.tables.saveEscalation(projection.escalation);
      if (event.type === 'escalation' && event.station !== undefined) this.tables.countStation(event.county, event.station);
      batch.addCounters(projection.counters);
      batch.addVolume(projection.volume);
      applied.push({ event, context, projection });
    }

    this.rollups.write(batch);
    if (money !== moneyBefore) this.#money.write(money);
    rejected.sort((a, b) => a.index - b.index);
    this.deadLetters.add(
      rejected.map(
        (r): DeadLetter => ({
          receivedAt: receivedMs,
          index: r.index,
          ...(r.id === undefined ? {} : { id: r.id }),
          errors: r.errors,
          event: r.raw,
        }),
      ),
    );
    return { applied, duplicates, rejected, rollups: batch };
  }
}

/** The warning whose history decides what this event changes, if any. */
export function warningIdOf(event: FraudEvent): string | undefined {
  switch (event.type) {
    case 'warning':
      return event.id;
    case 'contact':
    case 'escalation':
      return event.warningId;
    default:
      return undefined;
  }
}
