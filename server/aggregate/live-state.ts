// The one in-memory state of the walls, kept per county so that any scope — the region, a city,
// a county — is a sum over its own counties. Rebuilt from the store's basis (its rollups) at start
// and at local midnight, then kept current by each committed batch's summed change. The store
// answers in the order it was asked, so a basis asked for at midnight arrives after every batch
// committed before it and before every batch committed after: nothing is counted twice or lost.
import type { Metric } from '../../shared/aggregate/metrics';
import { windowFigures } from '../../shared/figures/catalogue';
import { isOpen, type OpenEscalation } from '../../shared/aggregate/records';
import type { MaskedEvent } from '../../shared/format/mask-event';
import { maskDigitRuns, maskName, maskPhone } from '../../shared/format/mask';
import type { ActiveEscalation, FailingAlertTarget, FeedView, HistoryProgress, SurgeView, PlaceFigures, Volume, WallSettings, WallState } from '../../shared/protocol/wall-state';
import { scopeInfo, type RegionPack, type Scope } from '../../shared/region';
import { faceToFaceTimes } from '../../shared/aggregate/face-to-face';
import { currentCounty } from '../../shared/region/legacy-codes';
import { addDays, type ZonedCalendar } from '../../shared/time/zoned-calendar';
import { RISK_LEVELS, type RiskLevel } from '../../shared/vocabulary';
import type { LiveBasis } from './live-basis';
import { CounterTable } from './counter-table';
import { dayTotals } from './day-totals';
import { RECENT_LIMIT, type LiveChange } from './live-change';
import type { WallIds } from './wall-ids';

/** How many events a single delta may carry for the ticker (per scope, and kept per county). */
export const RECENT_PER_DELTA = 12;
/**
 * The ticker shows what is happening: events older than this (a backfill of history, a system
 * catching up on last month) are counted on their own day but not shown as news.
 */
export const TICKER_WINDOW_MS = 24 * 3_600_000;
/**
 * Open escalations listed in a scope's state, oldest first; the rest are only counted (per scope
 * and per place). Enough for a board's page cycle to show every overdue one at 3 s a page within
 * 30 s, and few enough that a mass event costs each delta no more than a busy day.
 */
export const ACTIVE_LISTED = 100;
/** The unclaimed escalations a banner names; it counts them all. */
export const UNCLAIMED_LISTED = 3;

/** A feed as the state keeps it: its view, the counties it serves (empty: all) and its last arrival. */
export type WatchedFeedState = FeedView & { readonly counties: readonly string[]; readonly lastMs: number };

export interface LiveStateOptions {
  /** The store's basis for a local day. */
  readonly loadBasis: (day: string) => Promise<LiveBasis>;
  /** Told when a basis could not be loaded (the next change tries again). */
  readonly onBasisError: (error: unknown) => void;
  readonly calendar: ZonedCalendar;
  readonly region: RegionPack;
  readonly demo: boolean;
  readonly settings: WallSettings;
  /** Shows walls ids that could carry a phone masked (wall-ids.ts). */
  readonly wallIds: WallIds;
  /** What the room calls an account (account-names.ts): the holder shown on a card. */
  readonly nameOf?: (username: string) => string;
  /** A feed heard from for the first time, as feed-watch.ts shows it. */
  readonly feedOf?: (source: string, lastMs: number) => WatchedFeedState;
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
  #yesterdayCounters = new CounterTable();
  /** 1 January to today. */
  #year = new CounterTable();
  /** Per county: bucket → warnings by level. */
  #volumeToday = new Map<string, Map<number, Record<RiskLevel, number>>>();
  /** Per county: bucket → warnings. */
  #volumeYesterday = new Map<string, Map<number, number>>();
  readonly #open = new Map<string, OpenEscalation>();
  #sortedOpen: { version: number; list: OpenEscalation[] } | undefined;
  /** Per county, newest first, at most RECENT_LIMIT each: any scope's ticker start is a merge. */
  #recent = new Map<string, Arrival[]>();
  readonly #wallIds: WallIds;
  readonly #nameOf: (username: string) => string;
  readonly #feedOf: LiveStateOptions['feedOf'];
  /** Numbers events in the order they were accepted, so merged lists keep that order. */
  #arrivals = 0;
  #history: HistoryProgress | undefined;
  #surges: readonly (SurgeView & { readonly counties: readonly string[] })[] = [];
  #feeds: readonly WatchedFeedState[] = [];
  #failingTargets: readonly (FailingAlertTarget & { readonly counties: readonly string[] })[] = [];
  /** Per county, newest first: what the next delta of each scope carries. */
  #pendingRecent = new Map<string, Arrival[]>();
  /**
   * Open escalations opened at or before this instant are overdue: the clock's latest reading
   * less the red threshold. Moved by followClock, so escalations age with no event.
   */
  #overdueCutoff = Number.NEGATIVE_INFINITY;
  /** How many were overdue at the last reading: a change is a change of state. */
  #overdueCount = 0;
  /** When each of yesterday's warnings happened, per county, earliest first. */
  #yesterdayTimes = new Map<string, number[]>();
  /** Yesterday's first instant and today's, set with each day's basis (not worked out per event or tick). */
  #yesterdaySpan: readonly [number, number] = [0, 0];
  /** The same time of day yesterday, as of the clock's latest reading: yesterday "so far" ends there. */
  #yesterdayCut = Number.NEGATIVE_INFINITY;
  /** How many of yesterday's warnings were before the cut at the last reading. */
  #yesterdaySoFar = 0;
  /** The day whose basis is on its way, if one is. */
  #loadingDay: string | undefined;
  /** Rises with every change, so the stream knows when there is something to send. */
  #version = 0;
  /** Told of every change at once: the stream sends the first change after a quiet spell without waiting. */
  #watchers = new Set<() => void>();

  constructor(options: LiveStateOptions) {
    this.#loadBasis = options.loadBasis;
    this.#onBasisError = options.onBasisError;
    this.#calendar = options.calendar;
    this.#region = options.region;
    this.#demo = options.demo;
    this.#settings = options.settings;
    this.#wallIds = options.wallIds;
    this.#nameOf = options.nameOf ?? ((username) => username);
    this.#feedOf = options.feedOf;
  }

  /** The accounts' display names changed: cards show holders by name, so every scope is sent again. */
  namesChanged(): void {
    this.#changed();
  }

  get version(): number {
    return this.#version;
  }

  /** Calls `listener` after every change; returns the way to stop. */
  watch(listener: () => void): () => void {
    this.#watchers.add(listener);
    return () => this.#watchers.delete(listener);
  }

  #changed(): void {
    this.#version++;
    for (const listener of this.#watchers) listener();
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
  #followCalendar(now: number): void {
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

  /**
   * Follows the clock: the calendar's day, and the red threshold that open escalations cross as
   * they age. A crossing changes the state (its overdue counts) although no event arrived.
   */
  followClock(now: number): void {
    this.#followCalendar(now);
    if (this.#readClock(now)) this.#changed();
  }

  /** Moves the overdue and yesterday cuts to `now`; true when a count changed with them. */
  #readClock(now: number): boolean {
    this.#overdueCutoff = now - this.#settings.sla.redMinutes * 60_000;
    const overdue = openedBy(this.#oldestOpenFirst(), this.#overdueCutoff);
    const [yesterdayStart, todayStart] = this.#yesterdaySpan;
    this.#yesterdayCut = this.#day ? yesterdayStart + (now - todayStart) : Number.NEGATIVE_INFINITY;
    const soFar = this.#yesterdayUntil([...this.#yesterdayTimes.keys()]);
    if (overdue === this.#overdueCount && soFar === this.#yesterdaySoFar) return false;
    this.#overdueCount = overdue;
    this.#yesterdaySoFar = soFar;
    return true;
  }

  /** Starts again from a basis: everything the store has, as of the moment it was read. */
  reset(basis: LiveBasis, now: number): void {
    this.#loadingDay = undefined;
    this.#day = basis.day;
    this.#yesterday = addDays(this.#day, -1);

    this.#today = counterTable(basis.today);
    this.#yesterdayCounters = counterTable(basis.yesterday);
    this.#year = counterTable(basis.year);

    this.#volumeToday = new Map();
    for (const row of basis.volumeToday) this.#addVolumeToday(row.county, row.bucket, row.level, row.value);
    this.#volumeYesterday = new Map();
    for (const row of basis.volumeYesterday) this.#addVolumeYesterday(row.county, row.bucket, row.value);

    this.#open.clear();
    for (const open of basis.open) this.#open.set(open.escalation.warningId, open);

    this.#yesterdaySpan = [this.#calendar.startOfDay(this.#yesterday), this.#calendar.startOfDay(this.#day)];
    this.#yesterdayTimes = new Map();
    for (const { county, at_ms } of basis.yesterdayWarnings) getOrCreate(this.#yesterdayTimes, currentCounty(county), () => []).push(at_ms);
    for (const times of this.#yesterdayTimes.values()) times.sort((a, b) => a - b);

    this.#recent = new Map();
    // The basis lists the newest first; each county keeps its own newest.
    addNewestFirst(this.#recent, this.#numbered([...basis.recent].reverse().filter((event) => isNews(event, now))), RECENT_LIMIT);
    this.#pendingRecent = new Map();
    this.#changed();
    // The first state a wall gets already counts what is overdue by now.
    this.#readClock(now);
  }

  /** A committed batch's change; `now` is when it was committed. */
  apply(change: LiveChange, now: number): void {
    // A batch that stored nothing (all duplicates or rejected) carries no events: nothing to do.
    // A claim alone carries no news, but changes who holds an escalation.
    if (change.recent.length === 0 && change.escalations.length === 0) return;
    this.#followCalendar(now);
    for (const [day, county, metric, delta] of change.counters) this.#count(day, county, metric, delta);
    // A feed that just sent is not silent, and says so in the same delta, on every node alike; a
    // feed heard from for the first time is shown at once (the next read adds its usual silence).
    for (const [source, receivedMs] of change.feeds ?? []) {
      const known = this.#feeds.find((feed) => feed.source === source);
      if (!known && this.#feedOf) this.#feeds = [...this.#feeds, this.#feedOf(source, receivedMs)].sort((a, b) => (a.source < b.source ? -1 : 1));
      else if (known && known.lastMs < receivedMs) {
        this.#feeds = this.#feeds.map((feed) => (feed === known ? { ...feed, lastMs: receivedMs, lastAt: this.#calendar.isoWithOffset(receivedMs), silent: false } : feed));
      }
    }
    for (const [day, county, bucket, level, delta] of change.volume) {
      if (day === this.#day) this.#addVolumeToday(county, bucket, level, delta);
      else if (day === this.#yesterday) this.#addVolumeYesterday(county, bucket, delta);
    }
    for (const { escalation, warning } of change.escalations) {
      if (isOpen(escalation)) this.#open.set(escalation.warningId, { escalation, ...(warning ? { warning } : {}) });
      else this.#open.delete(escalation.warningId);
    }
    // A warning of yesterday's that comes late still counts in yesterday up to its time.
    for (const event of change.recent) {
      if (event.type !== 'warning') continue;
      const atMs = Date.parse(event.at);
      if (atMs < this.#yesterdaySpan[0] || atMs >= this.#yesterdaySpan[1]) continue;
      const times = getOrCreate(this.#yesterdayTimes, event.county, () => []);
      times.splice(countUpTo(times, atMs), 0, atMs);
    }
    const news = this.#numbered([...change.recent].reverse().filter((event) => isNews(event, now)));
    addNewestFirst(this.#recent, news, RECENT_LIMIT);
    addNewestFirst(this.#pendingRecent, news, RECENT_PER_DELTA);
    this.#changed();
  }

  /** The simulator reports how far its history backfill has come. */
  setHistoryProgress(progress: HistoryProgress): void {
    this.#history = { ...progress };
    this.#changed();
  }

  /**
   * The alert targets failing now (alert-standing.ts), each with the counties its area covers:
   * a wall shows those whose area meets its own.
   */
  setFailingTargets(failing: readonly (FailingAlertTarget & { readonly counties: readonly string[] })[]): void {
    if (JSON.stringify(failing) === JSON.stringify(this.#failingTargets)) return;
    this.#failingTargets = failing;
    this.#changed();
  }

  /**
   * The feeds as feed-watch.ts last read them, each with the counties it serves (empty: all). A
   * read that began before a batch this state has already applied does not take its arrival back.
   */
  setFeeds(feeds: readonly WatchedFeedState[]): void {
    const known = new Map(this.#feeds.map((feed) => [feed.source, feed]));
    const next = feeds.map((feed) => {
      const before = known.get(feed.source);
      return before && before.lastMs > feed.lastMs ? { ...feed, lastMs: before.lastMs, lastAt: before.lastAt, silent: false } : feed;
    });
    if (JSON.stringify(next) === JSON.stringify(this.#feeds)) return;
    this.#feeds = next;
    this.#changed();
  }

  /** The surges standing now (surge-watch.ts), each with the counties of its place. */
  setSurges(surges: readonly (SurgeView & { readonly counties: readonly string[] })[]): void {
    if (JSON.stringify(surges) === JSON.stringify(this.#surges)) return;
    this.#surges = surges;
    this.#changed();
  }

  /** The newest events inside a scope, newest first (the ticker's start). */
  recent(scope: Scope): MaskedEvent[] {
    return newestOf(this.#recent, scope, RECENT_LIMIT);
  }

  /**
   * Events accepted since the last call, per county: what the next delta of each scope carries
   * (newestOf picks a scope's own).
   */
  takePendingRecent(): ReadonlyMap<string, readonly Arrival[]> {
    const pending = this.#pendingRecent;
    this.#pendingRecent = new Map();
    return pending;
  }

  /** A scope's state: every figure counts only the counties inside it. */
  toWallState(scope: Scope): WallState {
    const counties = scope.counties.map((c) => c.adcode);
    const inside = new Set(counties);
    const open = this.#oldestOpenFirst().filter(({ escalation }) => inside.has(escalation.county));
    const activeByCounty = new Map<string, number>();
    const overdueByCounty = new Map<string, number>();
    for (const { escalation } of open) {
      activeByCounty.set(escalation.county, (activeByCounty.get(escalation.county) ?? 0) + 1);
      if (escalation.openedAtMs <= this.#overdueCutoff) overdueByCounty.set(escalation.county, (overdueByCounty.get(escalation.county) ?? 0) + 1);
    }
    const sumOf = (counts: ReadonlyMap<string, number>, within: readonly string[]) =>
      within.reduce((sum, county) => sum + (counts.get(county) ?? 0), 0);
    const listed = open.slice(0, ACTIVE_LISTED);
    const today = this.#today;
    const yesterday = this.#yesterdayCounters;
    const year = this.#year;
    const place = (adcode: string, name: string, within: readonly string[]): PlaceFigures => ({
      adcode,
      name,
      warnings: today.sum(within, 'warnings'),
      highRisk: today.sum(within, 'level.high'),
      interceptedFen: today.sum(within, 'intercept.stop_payment') + today.sum(within, 'intercept.recovery'),
      activeEscalations: sumOf(activeByCounty, within),
      overdueEscalations: sumOf(overdueByCounty, within),
    });
    return {
      day: this.#day,
      demo: this.#demo,
      ...(this.#history ? { history: { ...this.#history } } : {}),
      region: { id: this.#region.id, name: this.#region.name },
      scope: scopeInfo(scope),
      wall: structuredClone(this.#settings),
      today: dayTotals((metric) => today.sum(counties, metric), { active: open.length, overdue: sumOf(overdueByCounty, counties) }),
      yesterday: windowFigures('yesterday', (metric) => yesterday.sum(counties, metric)),
      yesterdayUntilNow: { warnings: this.#yesterdayUntil(counties) },
      year: windowFigures('year', (metric) => year.sum(counties, metric)),
      volume: this.#volume(counties),
      ...(scope.cities ? { cities: scope.cities.map((city) => place(city.adcode, city.name, city.counties.map((c) => c.adcode))) } : {}),
      counties: scope.counties.map((county) => place(county.adcode, county.name, [county.adcode])),
      ...(scope.level === 'county' && scope.city ? { rankInCity: this.#rankInCity(scope.adcode, scope.city) } : {}),
      activeEscalations: listed.map((o) => this.#shown(o)),
      activeEscalationsUnlisted: open.length - listed.length,
      unclaimed: this.#unclaimed(open),
      ...this.#alerting(counties),
      feeds: this.#feeds
        .filter((feed) => feed.counties.length === 0 || feed.counties.some((county) => counties.includes(county)))
        .map(({ source, name, lastAt, silent, quietMinutes }) => ({ source, name, lastAt, silent, quietMinutes })),
      // A place's wave is shown on the walls of every scope that holds the whole place.
      surges: this.#surges
        .filter((surge) => surge.counties.every((county) => counties.includes(county)))
        .map(({ scope: place, scopeName, fraudType, count, baseline, since }) => ({ scope: place, scopeName, fraudType, count, baseline, since })),
    };
  }

  /** An open escalation's card as walls show it (masked), if it is open: an escalation scene's. */
  openCard(warningId: string): ActiveEscalation | undefined {
    const open = this.#open.get(warningId);
    return open && this.#shown(open);
  }

  /**
   * The overdue alarm's escalations (issue 26): opened at or before `cutoffMs`, still at `opened`
   * and held by nobody — masked as the walls show them, oldest first, at most `limit`.
   */
  unattendedSince(cutoffMs: number, limit: number): (ActiveEscalation & { readonly openedAtMs: number })[] {
    const found: (ActiveEscalation & { openedAtMs: number })[] = [];
    for (const open of this.#oldestOpenFirst()) {
      if (open.escalation.openedAtMs > cutoffMs || found.length >= limit) break;
      if (open.escalation.stage === 'opened' && open.escalation.holder === undefined) found.push({ ...this.#shown(open), openedAtMs: open.escalation.openedAtMs });
    }
    return found;
  }

  #alerting(counties: readonly string[]): Pick<WallState, 'alerting'> {
    const failing = this.#failingTargets.filter((target) => target.counties.some((county) => counties.includes(county)));
    return failing.length === 0 ? {} : { alerting: { failing: failing.map(({ name, scopeName, since, error }) => ({ name, scopeName, since, error })) } };
  }

  /** Still at `opened` with nobody on it; `open` is oldest first, so the newest are at its end. */
  #unclaimed(open: readonly OpenEscalation[]): WallState['unclaimed'] {
    const waiting = open.filter(({ escalation }) => escalation.stage === 'opened' && escalation.holder === undefined);
    return { count: waiting.length, newest: waiting.slice(-UNCLAIMED_LISTED).reverse().map((o) => this.#shown(o)) };
  }

  /** Ranked by today's warnings, most first, ties by adcode: only the place is told, not the others' figures. */
  #rankInCity(adcode: string, city: NonNullable<Scope['city']>): NonNullable<WallState['rankInCity']> {
    const warnings = (county: string) => this.#today.get(county, 'warnings');
    const ranked = city.counties.map((c) => c.adcode).sort((a, b) => warnings(b) - warnings(a) || a.localeCompare(b));
    return { rank: ranked.indexOf(adcode) + 1, of: ranked.length, cityName: city.name };
  }

  /** Yesterday's warnings in these counties up to the same time of day as now. */
  #yesterdayUntil(counties: readonly string[]): number {
    return counties.reduce((sum, county) => sum + countUpTo(this.#yesterdayTimes.get(county) ?? [], this.#yesterdayCut), 0);
  }

  #numbered(oldestFirst: readonly MaskedEvent[]): Arrival[] {
    return oldestFirst.map((event) => ({ order: ++this.#arrivals, event: this.#wallIds.event(event) }));
  }

  #count(day: string, county: string, metric: Metric, delta: number): void {
    if (day === this.#day) this.#today.add(county, metric, delta);
    if (day === this.#yesterday) this.#yesterdayCounters.add(county, metric, delta);
    if (day.slice(0, 4) === this.#day.slice(0, 4) && day <= this.#day) this.#year.add(county, metric, delta);
  }

  #addVolumeToday(county: string, bucket: number, level: RiskLevel, delta: number): void {
    const buckets = getOrCreate(this.#volumeToday, county, () => new Map<number, Record<RiskLevel, number>>());
    const counts = getOrCreate(buckets, bucket, () => ({ high: 0, medium: 0, low: 0 }));
    counts[level] += delta;
  }

  #addVolumeYesterday(county: string, bucket: number, delta: number): void {
    const buckets = getOrCreate(this.#volumeYesterday, county, () => new Map<number, number>());
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + delta);
  }

  #volume(counties: readonly string[]): Volume {
    const today: Volume['today'] = {};
    const yesterday: Volume['yesterday'] = {};
    for (const county of counties) {
      for (const [bucket, counts] of this.#volumeToday.get(county) ?? []) {
        const sum = (today[bucket] ??= { high: 0, medium: 0, low: 0 });
        for (const level of RISK_LEVELS) sum[level] += counts[level];
      }
      for (const [bucket, count] of this.#volumeYesterday.get(county) ?? []) yesterday[bucket] = (yesterday[bucket] ?? 0) + count;
    }
    for (const [bucket, counts] of Object.entries(today)) if (RISK_LEVELS.every((level) => counts[level] === 0)) delete today[bucket];
    for (const [bucket, count] of Object.entries(yesterday)) if (count === 0) delete yesterday[bucket];
    return { today, yesterday };
  }

  /** Sorted once per change, however many scopes are built from it in the tick. */
  #oldestOpenFirst(): OpenEscalation[] {
    if (this.#sortedOpen?.version === this.#version) return this.#sortedOpen.list;
    const list = [...this.#open.values()].sort(
      (a, b) =>
        a.escalation.openedAtMs - b.escalation.openedAtMs ||
        (a.escalation.warningId < b.escalation.warningId ? -1 : a.escalation.warningId > b.escalation.warningId ? 1 : 0),
    );
    this.#sortedOpen = { version: this.#version, list };
    return list;
  }

  #shown({ escalation, warning }: OpenEscalation): ActiveEscalation {
    const iso = (ms: number) => this.#calendar.isoWithOffset(ms);
    return {
      warningId: this.#wallIds.of(escalation.warningId),
      county: escalation.county,
      openedAt: iso(escalation.openedAtMs),
      step: escalation.stage,
      stepAt: iso(escalation.stageAtMs),
      phone: warning ? maskPhone(warning.phone) : null,
      ...(warning?.name === undefined ? {} : { name: maskName(warning.name) }),
      ...(warning ? { fraudType: warning.fraudType } : {}),
      ...(escalation.station === undefined ? {} : { station: maskDigitRuns(escalation.station) }),
      ...(escalation.grid === undefined ? {} : { grid: maskDigitRuns(escalation.grid) }),
      ...faceToFaceTimes(escalation, iso),
      ...(escalation.holder === undefined ? {} : { holder: this.#nameOf(escalation.holder) }),
    };
  }
}

/** How many of a list sorted oldest first were opened at or before `cutoff` (hundreds open, every tick). */
function openedBy(oldestFirst: readonly OpenEscalation[], cutoff: number): number {
  return countWhile(oldestFirst.length, (i) => oldestFirst[i]!.escalation.openedAtMs <= cutoff);
}

/** How many of ascending `times` are at or before `cutoff`. */
function countUpTo(times: readonly number[], cutoff: number): number {
  return countWhile(times.length, (i) => times[i]! <= cutoff);
}

/** The length of the prefix of `length` items for which `holds` is true (it must hold for a prefix): a binary search. */
function countWhile(length: number, holds: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (holds(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}

function isNews(event: MaskedEvent, now: number): boolean {
  return Date.parse(event.at) >= now - TICKER_WINDOW_MS;
}

function counterTable(rows: LiveBasis['today']): CounterTable {
  const table = new CounterTable();
  for (const row of rows) table.add(row.county, row.metric, row.value);
  return table;
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/** An event with its place in the order events were accepted. */
export interface Arrival {
  readonly order: number;
  readonly event: MaskedEvent;
}

/** Puts events (oldest first) at the front of their county's list, keeping each list to `limit`. */
function addNewestFirst(lists: Map<string, Arrival[]>, oldestFirst: readonly Arrival[], limit: number): void {
  for (const arrival of oldestFirst) {
    const list = getOrCreate(lists, arrival.event.county, () => []);
    list.unshift(arrival);
    if (list.length > limit) list.length = limit;
  }
}

/** The events of a scope's counties last accepted, newest first. */
export function newestOf(lists: ReadonlyMap<string, readonly Arrival[]>, scope: Scope, limit: number): MaskedEvent[] {
  const merged: Arrival[] = [];
  for (const county of scope.counties) merged.push(...(lists.get(county.adcode) ?? []));
  merged.sort((a, b) => b.order - a.order);
  return merged.slice(0, limit).map((arrival) => arrival.event);
}
