// SQLite's side of a batch: read what the plan needs in a few statements, plan it
// (batch-plan.ts), and write the accepted events, their projections, the rollups and the dead
// letters in one transaction — committed together or not at all, before anyone is told.
import type { Database } from 'better-sqlite3';
import type { ZonedCalendar } from '../../../shared/time/zoned-calendar';
import { batchKeys, planBatch, type BatchPlan, type Rejection, type ValidEvent } from '../../ingest/batch-plan';
import { deadLettersOf } from '../../ingest/dead-letter';
import { DeadLetters } from './dead-letters';
import { EventLog } from './event-log';
import { Meta } from './meta';
import { MoneyTotal } from './money-total';
import { ProjectionTables } from './projection-tables';
import { Rollups } from './rollups';

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
  commit(valid: readonly ValidEvent[], invalid: readonly Rejection[], receivedMs: number): BatchPlan {
    return this.#commit(valid, invalid, receivedMs);
  }

  #apply(valid: readonly ValidEvent[], invalid: readonly Rejection[], receivedMs: number): BatchPlan {
    const { ids, warningIds } = batchKeys(valid);
    const moneyBefore = this.#money.read();
    const plan = planBatch(valid, invalid, { bodies: this.log.bodiesOf(ids), contexts: this.tables.contextsFor(warningIds), money: moneyBefore }, this.calendar);
    for (const { event, body, projection } of plan.applied) {
      this.log.append({ event, body, atMs: projection.atMs, day: projection.day }, receivedMs);
      if (projection.warning) this.tables.saveWarning(projection.warning);
      if (projection.escalation) this.tables.saveEscalation(projection.escalation);
      if (event.type === 'escalation' && event.station !== undefined) this.tables.countStation(event.county, event.station);
    }
    this.rollups.write(plan.rollups);
    if (plan.money !== moneyBefore) this.#money.write(plan.money);
    this.deadLetters.add(deadLettersOf(plan.rejected, receivedMs));
    return plan;
  }
}
