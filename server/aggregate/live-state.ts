// The one in-memory state of the wall. Rebuilt from the store's rollups at start and at local
// midnight, then kept current by the projections of each committed batch (O(1) per event).
import type { Metric } from '../../shared/aggregate/metrics';
import { isOpen, type EscalationRecord, type OpenEscalation, type WarningRecord } from '../../shared/aggregate/records';
import { maskEvent, type MaskedEvent } from '../../shared/format/mask-event';
import { maskDigitRuns, maskName, maskPhone } from '../../shared/format/mask';
import type { ActiveEscalation, HistoryProgress, Volume, WallSettings, WallState } from '../../shared/protocol/wall-state';
import type { RegionPack } from '../../shared/region';
import { addDays, type ZonedCalendar } from '../../shared/time/zoned-calendar';
import { RISK_LEVELS, type RiskLevel } from '../../shared/vocabulary';
import type { AppliedEvent, EventStore } from '../store/event-store';
import { CounterTable } from './counter-table';
import { dayTotals } from './day-totals';

/** How many events the ticker starts from, and how many a single delta may carry. */
export const RECENT_LIMIT = 30;
export const RECENT_PER_DELTA = 12;

export interface LiveStateOptions {
  readonly store: EventStore;
  readonly calendar: ZonedCalendar;
  readonly region: RegionPack;
  readonly demo: boolean;
  readonly settings: WallSettings;
}

export class LiveState {
  readonly #store: EventStore;
  readonly #calendar: ZonedCalendar;
  readonly #region: RegionPack;
  readonly #demo: boolean;
  readonly #settings: WallSettings;

  #day = '';
  #yesterday = '';
  #today = new CounterTable();
  #yesterdayTotals = { warnings: 0, interceptedFen: 0 };
  #year = { warnings: 0, dissuaded: 0, stopPayment: 0, recovery: 0 };
  #volumeToday = new Map<number, Record<RiskLevel, number>>();
  #volumeYesterday = new Map<number, number>();
  readonly #open = new Map<string, OpenEscalation>();
  #recent: MaskedEvent[] = [];
  #history: HistoryProgress | undefined;
  #pendingRecent: MaskedEvent[] = [];
  /** Rises with every change, so the stream knows when there is something to send. */
  version = 0;

  constructor(options: LiveStateOptions) {
    this.#store = options.store;
    this.#calendar = options.calendar;
    this.#region = options.region;
    this.#demo = options.demo;
    this.#settings = options.settings;
  }

  get day(): string {
    return this.#day;
  }

  /** Rebuilds everything from the store for the local day containing `now`. */
  reload(now: number): void {
    const rollups = this.#store.rollups;
    this.#day = this.#calendar.dayKey(now);
    this.#yesterday = addDays(this.#day, -1);

    this.#today = new CounterTable();
    for (const row of rollups.countersOfDay(this.#day)) this.#today.add(row.county, row.metric, row.value);

    const yesterday = new CounterTable();
    for (const row of rollups.countersOfDay(this.#yesterday)) yesterday.add(row.county, row.metric, row.value);
    this.#yesterdayTotals = {
      warnings: yesterday.total('warnings'),
      interceptedFen: yesterday.total('intercept.stop_payment') + yesterday.total('intercept.recovery'),
    };

    const year = new Map(rollups.totalsBetween(`${this.#day.slice(0, 4)}-01-01`, this.#day).map((r) => [r.metric, r.value]));
    this.#year = {
      warnings: year.get('warnings') ?? 0,
      dissuaded: year.get('contact.dissuaded') ?? 0,
      stopPayment: year.get('intercept.stop_payment') ?? 0,
      recovery: year.get('intercept.recovery') ?? 0,
    };

    this.#volumeToday = new Map();
    for (const row of rollups.volumeOfDay(this.#day)) this.#addVolumeToday(row.bucket, row.level, row.value);
    this.#volumeYesterday = new Map();
    for (const row of rollups.volumeOfDay(this.#yesterday)) this.#addVolumeYesterday(row.bucket, row.value);

    this.#open.clear();
    for (const open of this.#store.tables.openEscalations()) this.#open.set(open.escalation.warningId, open);

    this.#recent = this.#store.log.newest(RECENT_LIMIT).map(maskEvent);
    this.#pendingRecent = [];
    this.version++;
  }

  /** Follows the local calendar: at midnight today's counters start again (open escalations stay). */
  rollOverIfNewDay(now: number): boolean {
    if (this.#calendar.dayKey(now) === this.#day) return false;
    this.reload(now);
    return true;
  }

  apply(applied: readonly AppliedEvent[], now: number): void {
    if (applied.length === 0) return;
    // A reload reads the store, which already holds this batch: only the ticker still needs it.
    const reloaded = this.rollOverIfNewDay(now);
    for (const { event, context, projection } of applied) {
      const masked = maskEvent(event);
      if (!reloaded) {
        for (const c of projection.counters) this.#count(c.day, c.county, c.metric, c.delta);
        for (const v of projection.volume) {
          if (v.day === this.#day) this.#addVolumeToday(v.bucket, v.level, v.delta);
          else if (v.day === this.#yesterday) this.#addVolumeYesterday(v.bucket, v.delta);
        }
        if (projection.escalation) this.#followEscalation(projection.escalation, context.warning);
        if (projection.warning) {
          const open = this.#open.get(projection.warning.id);
          if (open) this.#open.set(open.escalation.warningId, { ...open, warning: projection.warning });
        }
        this.#recent.unshift(masked);
        if (this.#recent.length > RECENT_LIMIT) this.#recent.length = RECENT_LIMIT;
      }
      this.#pendingRecent.unshift(masked);
      if (this.#pendingRecent.length > RECENT_PER_DELTA) this.#pendingRecent.length = RECENT_PER_DELTA;
    }
    this.version++;
  }

  /** The simulator reports how far its history backfill has come. */
  setHistoryProgress(progress: HistoryProgress): void {
    this.#history = { ...progress };
    this.version++;
  }

  /** The newest events, newest first (the ticker's start). */
  recent(): MaskedEvent[] {
    return [...this.#recent];
  }

  /** Events accepted since the last call, newest first: what the next delta carries. */
  takePendingRecent(): MaskedEvent[] {
    const pending = this.#pendingRecent;
    this.#pendingRecent = [];
    return pending;
  }

  toWallState(): WallState {
    const active = this.#activeEscalations();
    const activeByCounty = new Map<string, number>();
    for (const e of active) activeByCounty.set(e.county, (activeByCounty.get(e.county) ?? 0) + 1);
    const today = this.#today;
    return {
      day: this.#day,
      demo: this.#demo,
      ...(this.#history ? { history: { ...this.#history } } : {}),
      region: { id: this.#region.id, name: this.#region.name },
      wall: structuredClone(this.#settings),
      today: dayTotals((metric) => today.total(metric), active.length),
      yesterday: { ...this.#yesterdayTotals },
      year: {
        warnings: this.#year.warnings,
        dissuaded: this.#year.dissuaded,
        interceptedFen: { stopPayment: this.#year.stopPayment, recovery: this.#year.recovery },
      },
      volume: this.#volume(),
      counties: this.#region.counties.map((county) => ({
        adcode: county.adcode,
        name: county.name,
        warnings: today.get(county.adcode, 'warnings'),
        highRisk: today.get(county.adcode, 'level.high'),
        interceptedFen:
          today.get(county.adcode, 'intercept.stop_payment') + today.get(county.adcode, 'intercept.recovery'),
        activeEscalations: activeByCounty.get(county.adcode) ?? 0,
      })),
      activeEscalations: active,
    };
  }

  #count(day: string, county: string, metric: Metric, delta: number): void {
    if (day === this.#day) this.#today.add(county, metric, delta);
    if (day === this.#yesterday) {
      if (metric === 'warnings') this.#yesterdayTotals.warnings += delta;
      if (metric === 'intercept.stop_payment' || metric === 'intercept.recovery') {
        this.#yesterdayTotals.interceptedFen += delta;
      }
    }
    if (day.slice(0, 4) === this.#day.slice(0, 4) && day <= this.#day) {
      if (metric === 'warnings') this.#year.warnings += delta;
      else if (metric === 'contact.dissuaded') this.#year.dissuaded += delta;
      else if (metric === 'intercept.stop_payment') this.#year.stopPayment += delta;
      else if (metric === 'intercept.recovery') this.#year.recovery += delta;
    }
  }

  #followEscalation(escalation: EscalationRecord, warning: WarningRecord | undefined): void {
    if (!isOpen(escalation)) {
      this.#open.delete(escalation.warningId);
      return;
    }
    const known = this.#open.get(escalation.warningId)?.warning ?? warning;
    this.#open.set(escalation.warningId, { escalation, ...(known ? { warning: known } : {}) });
  }

  #addVolumeToday(bucket: number, level: RiskLevel, delta: number): void {
    let counts = this.#volumeToday.get(bucket);
    if (!counts) {
      counts = { high: 0, medium: 0, low: 0 };
      this.#volumeToday.set(bucket, counts);
    }
    counts[level] += delta;
  }

  #addVolumeYesterday(bucket: number, delta: number): void {
    this.#volumeYesterday.set(bucket, (this.#volumeYesterday.get(bucket) ?? 0) + delta);
  }

  #volume(): Volume {
    const today: Volume['today'] = {};
    for (const [bucket, counts] of this.#volumeToday) {
      if (RISK_LEVELS.some((level) => counts[level] !== 0)) today[bucket] = { ...counts };
    }
    const yesterday: Volume['yesterday'] = {};
    for (const [bucket, count] of this.#volumeYesterday) if (count !== 0) yesterday[bucket] = count;
    return { today, yesterday };
  }

  #activeEscalations(): ActiveEscalation[] {
    const iso = (ms: number) => this.#calendar.isoWithOffset(ms);
    return [...this.#open.values()]
      .sort(
        (a, b) =>
          a.escalation.openedAtMs - b.escalation.openedAtMs ||
          (a.escalation.warningId < b.escalation.warningId ? -1 : a.escalation.warningId > b.escalation.warningId ? 1 : 0),
      )
      .map(({ escalation, warning }) => ({
        warningId: escalation.warningId,
        county: escalation.county,
        openedAt: iso(escalation.openedAtMs),
        step: escalation.stage,
        stepAt: iso(escalation.stageAtMs),
        phone: warning ? maskPhone(warning.phone) : null,
        ...(warning?.name === undefined ? {} : { name: maskName(warning.name) }),
        ...(warning ? { fraudType: warning.fraudType } : {}),
        ...(escalation.station === undefined ? {} : { station: maskDigitRuns(escalation.station) }),
      }));
  }
}
