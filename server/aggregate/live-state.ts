// The one in-memory state of the wall. Rebuilt from the store's basis (its rollups) at start and
// at local midnight, then kept current by each committed batch's summed change. The store
// answers in the order it was asked, so a basis asked for at midnight arrives after every batch
// committed before it and before every batch committed after: nothing is counted twice or lost.
import type { Metric } from '../../shared/aggregate/metrics';
import { isOpen, type OpenEscalation } from '../../shared/aggregate/records';
import type { MaskedEvent } from '../../shared/format/mask-event';
import { maskDigitRuns, maskName, maskPhone } from '../../shared/format/mask';
import type { ActiveEscalation, HistoryProgress, Volume, WallSettings, WallState } from '../../shared/protocol/wall-state';
import type { RegionPack } from '../../shared/region';
import { addDays, type ZonedCalendar } from '../../shared/time/zoned-calendar';
import { RISK_LEVELS, type RiskLevel } from '../../shared/vocabulary';
import type { LiveBasis } from '../store/store';
import { CounterTable } from './counter-table';
import { dayTotals } from './day-totals';
import { RECENT_LIMIT, type LiveChange } from './live-change';

/** How many events a single delta may carry for the ticker. */
export const RECENT_PER_DELTA = 12;
/**
 * The ticker shows what is happening: events older than this (a backfill of history, a system
 * catching up on last month) are counted on their own day but not shown as news.
 */
export const TICKER_WINDOW_MS = 24 * 3_600_000;
/**
 * Open escalations listed in the state, oldest first; the rest are only counted. More than any
 * board shows, and a mass event costs each delta no more than a normal day.
 */
export const ACTIVE_LISTED = 50;

export interface LiveStateOptions {
  /** The store's basis for a local day. */
  readonly loadBasis: (day: string) => Promise<LiveBasis>;
  /** Told when a basis could not be loaded (the next change tries again). */
  readonly onBasisError: (error: unknown) => void;
  readonly calendar: ZonedCalendar;
  readonly region: RegionPack;
  readonly demo: boolean;
  readonly settings: WallSettings;
}

export class LiveState {
  readonly #loadBasis: LiveStateOptions['loadBasis'];
  readonly #onBasisError: LiveStateOptions['onBasisError'];
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
  /** The day whose basis is on its way, if one is. */
  #loadingDay: string | undefined;
  /** Rises with every change, so the stream knows when there is something to send. */
  version = 0;

  constructor(options: LiveStateOptions) {
    this.#loadBasis = options.loadBasis;
    this.#onBasisError = options.onBasisError;
    this.#calendar = options.calendar;
    this.#region = options.region;
    this.#demo = options.demo;
    this.#settings = options.settings;
  }

  /** Waits for the store's basis of the local day containing `now` and starts from it. */
  async load(now: number): Promise<void> {
    this.reset(await this.#loadBasis(this.#calendar.dayKey(now)), now);
  }

  /** True while a new day's basis is on its way: the state still shows the day before. */
  get loading(): boolean {
    return this.#loadingDay !== undefined;
  }

  /** Follows the local calendar: at midnight the new day's basis is asked for (open escalations stay). */
  followCalendar(now: number): void {
    const day = this.#calendar.dayKey(now);
    if (day === this.#day || day === this.#loadingDay) return;
    this.#loadingDay = day;
    this.#loadBasis(day).then(
      (basis) => {
        if (this.#loadingDay === day) this.reset(basis, now);
      },
      (error: unknown) => {
        if (this.#loadingDay === day) this.#loadingDay = undefined;
        this.#onBasisError(error);
      },
    );
  }

  /** Starts again from a basis: everything the store has, as of the moment it was read. */
  reset(basis: LiveBasis, now: number): void {
    this.#loadingDay = undefined;
    this.#day = basis.day;
    this.#yesterday = addDays(this.#day, -1);

    this.#today = new CounterTable();
    for (const row of basis.today) this.#today.add(row.county, row.metric, row.value);

    const yesterday = new CounterTable();
    for (const row of basis.yesterday) yesterday.add(row.county, row.metric, row.value);
    this.#yesterdayTotals = {
      warnings: yesterday.total('warnings'),
      interceptedFen: yesterday.total('intercept.stop_payment') + yesterday.total('intercept.recovery'),
    };

    const year = new Map(basis.year.map((r) => [r.metric, r.value]));
    this.#year = {
      warnings: year.get('warnings') ?? 0,
      dissuaded: year.get('contact.dissuaded') ?? 0,
      stopPayment: year.get('intercept.stop_payment') ?? 0,
      recovery: year.get('intercept.recovery') ?? 0,
    };

    this.#volumeToday = new Map();
    for (const row of basis.volumeToday) this.#addVolumeToday(row.bucket, row.level, row.value);
    this.#volumeYesterday = new Map();
    for (const row of basis.volumeYesterday) this.#addVolumeYesterday(row.bucket, row.value);

    this.#open.clear();
    for (const open of basis.open) this.#open.set(open.escalation.warningId, open);

    this.#recent = basis.recent.filter((event) => isNews(event, now));
    this.#pendingRecent = [];
    this.version++;
  }

  /** A committed batch's change; `now` is when it was committed. */
  apply(change: LiveChange, now: number): void {
    // A batch that stored nothing (all duplicates or rejected) carries no events: nothing to do.
    if (change.recent.length === 0) return;
    this.followCalendar(now);
    for (const [day, county, metric, delta] of change.counters) this.#count(day, county, metric, delta);
    for (const [day, bucket, level, delta] of change.volume) {
      if (day === this.#day) this.#addVolumeToday(bucket, level, delta);
      else if (day === this.#yesterday) this.#addVolumeYesterday(bucket, delta);
    }
    for (const { escalation, warning } of change.escalations) {
      if (isOpen(escalation)) this.#open.set(escalation.warningId, { escalation, ...(warning ? { warning } : {}) });
      else this.#open.delete(escalation.warningId);
    }
    const news = change.recent.filter((event) => isNews(event, now));
    if (news.length > 0) {
      this.#recent = [...news, ...this.#recent].slice(0, RECENT_LIMIT);
      this.#pendingRecent = [...news, ...this.#pendingRecent].slice(0, RECENT_PER_DELTA);
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
    const open = this.#oldestOpenFirst();
    const activeByCounty = new Map<string, number>();
    for (const { escalation } of open) activeByCounty.set(escalation.county, (activeByCounty.get(escalation.county) ?? 0) + 1);
    const listed = open.slice(0, ACTIVE_LISTED);
    const today = this.#today;
    return {
      day: this.#day,
      demo: this.#demo,
      ...(this.#history ? { history: { ...this.#history } } : {}),
      region: { id: this.#region.id, name: this.#region.name },
      wall: structuredClone(this.#settings),
      today: dayTotals((metric) => today.total(metric), open.length),
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
      activeEscalations: listed.map((o) => this.#shown(o)),
      activeEscalationsUnlisted: open.length - listed.length,
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

  #oldestOpenFirst(): OpenEscalation[] {
    return [...this.#open.values()].sort(
      (a, b) =>
        a.escalation.openedAtMs - b.escalation.openedAtMs ||
        (a.escalation.warningId < b.escalation.warningId ? -1 : a.escalation.warningId > b.escalation.warningId ? 1 : 0),
    );
  }

  #shown({ escalation, warning }: OpenEscalation): ActiveEscalation {
    const iso = (ms: number) => this.#calendar.isoWithOffset(ms);
    return {
      warningId: escalation.warningId,
      county: escalation.county,
      openedAt: iso(escalation.openedAtMs),
      step: escalation.stage,
      stepAt: iso(escalation.stageAtMs),
      phone: warning ? maskPhone(warning.phone) : null,
      ...(warning?.name === undefined ? {} : { name: maskName(warning.name) }),
      ...(warning ? { fraudType: warning.fraudType } : {}),
      ...(escalation.station === undefined ? {} : { station: maskDigitRuns(escalation.station) }),
    };
  }
}

function isNews(event: MaskedEvent, now: number): boolean {
  return Date.parse(event.at) >= now - TICKER_WINDOW_MS;
}
