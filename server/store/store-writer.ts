// The store's writing thread: parse → validate → commit, operator steps, and the reads that
// must follow every write before them (the live wall's basis). Synchronous, one request at a
// time, on its own SQLite connection; sqlite-store.ts runs it in a worker thread.
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { OpenEscalationRecord } from '../../shared/aggregate/records';
import { maskEvent } from '../../shared/format/mask-event';
import { regionPack } from '../../shared/region';
import { createEventValidator, type EventValidator } from '../../shared/schema/validate';
import { addDays, ZonedCalendar } from '../../shared/time/zoned-calendar';
import { collectLiveChange, NO_CHANGE, type LiveChange } from '../aggregate/live-change';
import { parseEventsBody } from '../ingest/parse-body';
import { planStep } from '../operator/step-request';
import { EventStore, type Rejection, type ValidEvent } from './event-store';
import { HealthMonitor } from './health-monitor';
import { DATABASE_FILE, openDatabase } from './open-database';
import type { IngestAnswer, IngestInput, LiveBasis, StepAnswer, StoreHealth, WriterApi } from './store';
import type { StoreSettings } from './store-settings';
import { countedEvent } from '../../shared/region/legacy-codes';


/** How many of the newest events a basis reads for the tickers' start lists. */
const RECENT_BASIS = 1_000;
export const MAX_EVENTS_PER_REQUEST = 10_000;

export class StoreWriter implements WriterApi {
  readonly #db: Database;
  readonly #store: EventStore;
  readonly #calendar: ZonedCalendar;
  readonly #validate: EventValidator;
  readonly #health: HealthMonitor;
  /** The time of the request being handled: validation's "now" is the caller's clock. */
  #requestNow = 0;

  constructor(settings: StoreSettings) {
    this.#db = openDatabase(settings.dataDir);
    this.#calendar = new ZonedCalendar(settings.timeZone);
    this.#store = new EventStore(this.#db, this.#calendar);
    const region = regionPack(settings.region);
    this.#validate = createEventValidator({
      regionId: region.id,
      countyCodes: new Set(region.counties.map((c) => c.adcode)),
      now: () => this.#requestNow,
      maxAgeDays: settings.maxEventAgeDays,
    });
    this.#health = new HealthMonitor(this.#db, path.join(settings.dataDir, DATABASE_FILE));
  }

  ingest(input: IngestInput, nowMs: number): IngestAnswer {
    let raws: readonly unknown[];
    if (input.kind === 'body') {
      const parsed = parseEventsBody(Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength), input.contentType);
      if (!parsed.ok) return parsed;
      raws = parsed.events;
    } else {
      raws = input.events;
    }
    if (raws.length > MAX_EVENTS_PER_REQUEST) {
      return { ok: false, status: 413, error: `at most ${MAX_EVENTS_PER_REQUEST} events per request (got ${raws.length})` };
    }
    const { summary, change } = this.#commit(raws, nowMs);
    return {
      ok: true,
      counts: { accepted: summary.accepted, duplicates: summary.duplicates, rejected: summary.rejected.length },
      summaryJson: JSON.stringify(summary),
      change,
    };
  }

  recordStep(warningId: string, body: unknown, nowMs: number, within: readonly string[] | null): StepAnswer {
    const plan = planStep(warningId, body, (id) => this.#store.tables.contextFor(id).escalation, nowMs, this.#calendar, within);
    if (!plan.ok) return { status: plan.status, bodyJson: JSON.stringify({ error: plan.error }) };
    const { summary, change } = this.#commit([plan.event], nowMs);
    if (summary.accepted !== 1) {
      return { status: 400, bodyJson: JSON.stringify({ error: summary.rejected.flatMap((r) => r.errors).join('; ') }) };
    }
    return { status: 201, bodyJson: JSON.stringify(plan.event), change };
  }

  liveBasis(day: string): LiveBasis {
    const { rollups, tables, log } = this.#store;
    const yesterday = addDays(day, -1);
    return {
      day,
      today: rollups.countersOfDay(day),
      yesterday: rollups.countersOfDay(yesterday),
      year: rollups.yearToDay(day),
      volumeToday: rollups.volumeOfDay(day),
      volumeYesterday: rollups.volumeOfDay(yesterday),
      open: tables.openEscalations(),
      // Under today's county, as the live stream carried them; enough for a ticker on every
      // county of a city, and on the busiest of the province (the rest fill in as events come).
      recent: log.newest(RECENT_BASIS).map((event) => maskEvent(countedEvent(event))),
    };
  }

  checkHealth(): StoreHealth {
    return this.#health.check();
  }

  get health(): StoreHealth {
    return this.#health.health;
  }

  openEscalationRecords(): OpenEscalationRecord[] {
    return this.#store.tables.openEscalations().map(({ escalation }) => escalation);
  }

  hasEvents(): boolean {
    return !this.#store.log.isEmpty();
  }

  metaGet(key: string): string | undefined {
    return this.#store.meta.get(key);
  }

  metaSet(key: string, value: string): void {
    this.#health.assertWritable();
    this.#store.meta.set(key, value);
  }

  databaseBytes(): number {
    const pages = this.#db.pragma('page_count', { simple: true }) as number;
    const size = this.#db.pragma('page_size', { simple: true }) as number;
    return pages * size;
  }

  close(): void {
    this.#db.close();
  }

  #commit(raws: readonly unknown[], nowMs: number) {
    this.#requestNow = nowMs;
    const valid: ValidEvent[] = [];
    const invalid: Rejection[] = [];
    raws.forEach((raw, index) => {
      const result = this.#validate(raw);
      if (result.ok) valid.push({ index, event: result.event, raw });
      else invalid.push({ index, ...(result.id === undefined ? {} : { id: result.id }), errors: result.errors, raw });
    });
    this.#health.assertWritable();
    let result;
    try {
      result = this.#store.commit(valid, invalid, nowMs);
    } catch (error) {
      this.#health.writeFailed(error);
      throw error;
    }
    const { applied, duplicates, rejected, rollups } = result;
    const change: LiveChange = applied.length > 0 ? collectLiveChange(applied, rollups) : NO_CHANGE;
    const summary = {
      accepted: applied.length,
      duplicates,
      rejected: rejected.map(({ index, id, errors }) => ({ index, ...(id === undefined ? {} : { id }), errors })),
    };
    return { summary, change };
  }
}
