// Waves of fraud (轰炸), found by themselves (issue 26). Every minute each node counts, for every
// county and city and every fraud type, the last hour's warnings (the current 10-minute bucket
// and the five before it) and the same buckets at the same time of the week in each of the eight
// weeks before, from the 10-minute rollup by type (type_volume) — eighteen small reads, whatever
// the history's length — and applies the surge rule (surge-rule.ts). The walls get the surges
// standing now; the store keeps the day's (one line per place and type a day: its first start,
// its largest hour), for the briefing; the surge alarm sends them. The rollup's key begins with
// (day, bucket), so each read is one range of its index.
import type { FraudType } from '../../shared/vocabulary';
import type { RegionScopes, Scope } from '../../shared/region';
import { addDays, type ZonedCalendar } from '../../shared/time/zoned-calendar';
import { baselineOf, isSurge, type SurgeSettings } from './surge-rule';
import type { BucketRange, StandingSurge, SurgesApi } from './surges-api';

export const SURGE_EVERY_MS = 60_000;
export const SURGE_WEEKS = 8;
/** The last hour: the bucket under way and the five before it. */
const WINDOW_BUCKETS = 6;
const BUCKETS_PER_DAY = 144;
const WEEK_MS = 7 * 86_400_000;
/** Weeks of the eight that must hold data for a baseline to mean anything. */
export const MIN_KNOWN_WEEKS = 4;

export interface SurgeWatchOptions {
  readonly store: SurgesApi;
  readonly scopes: RegionScopes;
  readonly calendar: ZonedCalendar;
  readonly settings: SurgeSettings;
  readonly now: () => number;
  readonly onSurges: (surges: StandingSurge[]) => void;
  readonly onError: (error: unknown) => void;
  readonly everyMs?: number;
}

export class SurgeWatch {
  #timer: NodeJS.Timeout | undefined;
  #surges: StandingSurge[] = [];
  /** scope + type → since when it has stood. */
  readonly #since = new Map<string, number>();
  /** Every county and city of the region, evaluated the same way. */
  readonly #places: Scope[];

  constructor(private readonly o: SurgeWatchOptions) {
    const all = o.scopes.inside(o.scopes.region).map((adcode) => o.scopes.get(adcode)!);
    this.#places = all.filter((scope) => scope.level !== 'province');
  }

  /** Counts once before the server listens, so its first snapshot already shows a wave; then every `everyMs`. */
  async start(): Promise<void> {
    await this.read();
    this.#timer = setInterval(() => void this.read(), this.o.everyMs ?? SURGE_EVERY_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  get surges(): readonly StandingSurge[] {
    return this.#surges;
  }

  async read(): Promise<void> {
    try {
      const now = this.o.now();
      const windows = Array.from({ length: SURGE_WEEKS + 1 }, (_, weeksBack) => this.#lastHour(now - weeksBack * WEEK_MS));
      const counts = await this.o.store.typeVolume(windows);
      // window → county → type → count
      const byWindow = windows.map(() => new Map<string, Map<FraudType, number>>());
      for (const { window, county, fraudType, count } of counts) {
        const types = byWindow[window]!.get(county) ?? new Map<FraudType, number>();
        types.set(fraudType, (types.get(fraudType) ?? 0) + count);
        byWindow[window]!.set(county, types);
      }
      // A week the store holds no warnings at all for at that hour lies before its data began (a new
      // install, a demo's month of history): unknown, not zero — it is left out of the median.
      const known = Array.from({ length: SURGE_WEEKS }, (_, k) => k + 1).filter((window) => byWindow[window]!.size > 0);
      // With fewer weeks than that there is no usual to compare with (a demo still loading its history): no surges.
      if (known.length < MIN_KNOWN_WEEKS) {
        this.#surges = [];
        this.o.onSurges([]);
        return;
      }
      const sum = (window: number, place: Scope, type: FraudType) => place.counties.reduce((total, c) => total + (byWindow[window]!.get(c.adcode)?.get(type) ?? 0), 0);
      const standing: StandingSurge[] = [];
      for (const place of this.#places) {
        const types = new Set(place.counties.flatMap((c) => [...(byWindow[0]!.get(c.adcode)?.keys() ?? [])]));
        for (const fraudType of types) {
          const count = sum(0, place, fraudType);
          if (count < this.o.settings.minCount) continue;
          const baseline = baselineOf(known.map((window) => sum(window, place, fraudType)), this.o.settings.floor);
          if (!isSurge(count, baseline, this.o.settings)) continue;
          standing.push({ scope: place.adcode, fraudType, count, baseline, sinceMs: 0 });
        }
      }
      const seen = this.#withSince(explainedByCounties(standing, this.o.scopes), now);
      if (seen.length > 0) {
        // Every node notes what it sees; the day's record keeps the earliest start, which every node then shows.
        const day = this.o.calendar.dayKey(now);
        await this.o.store.recordSurges(day, seen, now);
        const began = new Map((await this.o.store.surgesOfDay(day)).map((e) => [`${e.scope}\u0000${e.fraudType}`, e.sinceMs]));
        this.#surges = seen.map((s) => ({ ...s, sinceMs: began.get(`${s.scope}\u0000${s.fraudType}`) ?? s.sinceMs }));
      } else this.#surges = [];
      this.o.onSurges(this.#surges);
    } catch (error) {
      this.o.onError(error);
    }
  }

  /** The last hour before `ms` as bucket ranges: one, or two across midnight. */
  #lastHour(ms: number): BucketRange[] {
    const day = this.o.calendar.dayKey(ms);
    const bucket = this.o.calendar.bucketOf(ms);
    const first = bucket - (WINDOW_BUCKETS - 1);
    if (first >= 0) return [{ day, from: first, to: bucket }];
    return [
      { day: addDays(day, -1), from: BUCKETS_PER_DAY + first, to: BUCKETS_PER_DAY - 1 },
      { day, from: 0, to: bucket },
    ];
  }

  /** A surge keeps the time it began while it stands; one that ends is forgotten. */
  #withSince(surges: readonly StandingSurge[], now: number): StandingSurge[] {
    const standing = new Set(surges.map((s) => `${s.scope}\u0000${s.fraudType}`));
    for (const key of this.#since.keys()) if (!standing.has(key)) this.#since.delete(key);
    return surges.map((s) => {
      const key = `${s.scope}\u0000${s.fraudType}`;
      if (!this.#since.has(key)) this.#since.set(key, now);
      return { ...s, sinceMs: this.#since.get(key)! };
    });
  }
}

/** A city's surge of a type one of its counties already surges in says nothing more: the county's is shown. */
function explainedByCounties(surges: readonly StandingSurge[], scopes: RegionScopes): StandingSurge[] {
  const counties = new Set(surges.filter((s) => scopes.get(s.scope)?.level === 'county').map((s) => `${s.scope.slice(0, 4)}\u0000${s.fraudType}`));
  return surges.filter((s) => scopes.get(s.scope)?.level === 'county' || !counties.has(`${s.scope.slice(0, 4)}\u0000${s.fraudType}`));
}
