// The live state's basis as it stood at a moment (issue 27's playback): built the way the live
// state is, so a played-back wall shows what a live wall showed then. Its day so far and the day
// before are counted again from their events up to the moment (the same projection the rollups
// are kept with, event-replay.ts); the year before that day and the whole day before come from
// the rollups; the escalations open at the moment are each replayed from their own history up
// to it. Cost: two days of events and at most PLAYBACK_OPEN_LIMIT histories, whatever the moment.
import type { EscalationRecord, OpenEscalation, WarningRecord } from '../../shared/aggregate/records';
import { isOpen } from '../../shared/aggregate/records';
import { maskEvent } from '../../shared/format/mask-event';
import { isFraudEvent, type StoredEvent } from '../../shared/schema/claim-event';
import { countedEvent } from '../../shared/schema/counted-event';
import { addDays, type ZonedCalendar } from '../../shared/time/zoned-calendar';
import { EventReplay } from '../aggregate/event-replay';
import { RECENT_BASIS, type LiveBasis, type WarningTime } from '../aggregate/live-basis';
import type { CounterRow, VolumeRow } from '../aggregate/rollup-batch';
import type { OpenEscalationSource } from '../operator/operator-view';
import type { RollupSumsSource, StatsQuery, SumsByGroup } from '../stats/stats-query';
import { mergeSums } from '../stats/stats-query';
import type { Metric } from '../../shared/aggregate/metrics';
import { PLAYBACK_OPEN_LIMIT, type PlaybackSource } from './playback-source';

/** Events of one escalation's history replayed at most (the newest; a warning has a few dozen at most). */
const HISTORY_LIMIT = 200;

export interface PlaybackDeps {
  readonly source: PlaybackSource;
  readonly rollupSums: RollupSumsSource;
  readonly histories: Pick<OpenEscalationSource, 'historiesOf'>;
  readonly query: StatsQuery;
  readonly calendar: ZonedCalendar;
  /** Every county of the region: the basis is the whole region's, as the live state's is. */
  readonly counties: readonly string[];
}

export async function playbackBasis(atMs: number, deps: PlaybackDeps): Promise<LiveBasis> {
  const { calendar } = deps;
  const day = calendar.dayKey(atMs);
  const yesterday = addDays(day, -1);
  const firstOfYear = `${day.slice(0, 4)}-01-01`;
  const [bodies, yesterdaySums, yearSums, spanning] = await Promise.all([
    // Both days' events up to and including the moment, in the order they were accepted.
    deps.rollupSums.dayEvents(yesterday, day, atMs + 1),
    deps.query.byCounty(yesterday, yesterday, deps.counties),
    day === firstOfYear ? new Map() : deps.query.byCounty(firstOfYear, yesterday, deps.counties),
    deps.source.escalationsSpanning(atMs, PLAYBACK_OPEN_LIMIT),
  ]);

  const today = new Sums();
  const volumeToday = new Sums();
  const volumeYesterday = new Sums();
  const yesterdayWarnings: WarningTime[] = [];
  const replay = new EventReplay(calendar);
  // What the two days' events continue from: the history before them of each warning they refer
  // to without it (an escalation opened days ago, moved on today), replayed first and not counted.
  const events = bodies.map((body) => JSON.parse(body) as StoredEvent);
  for (const event of await earlierHistories(events, calendar.startOfDay(yesterday), deps)) replay.projectEvent(event);
  for (const event of events) {
    const projection = replay.projectEvent(event);
    for (const c of projection.counters) if (c.day === day) today.add([c.county, c.metric], c.delta);
    for (const v of projection.volume) {
      if (v.day === day) volumeToday.add([v.county, String(v.bucket), v.level], v.delta);
      else if (v.day === yesterday) volumeYesterday.add([v.county, String(v.bucket)], v.delta);
    }
    if (projection.warning?.day === yesterday) yesterdayWarnings.push({ county: projection.warning.county, at_ms: projection.warning.atMs });
  }
  // The ticker's start: the newest by when they happened (a backfilled history was not accepted in that order).
  const recent = events
    .filter(isFraudEvent)
    .map((event, seq) => ({ event, seq, atMs: Date.parse(event.at) }))
    .sort((a, b) => b.atMs - a.atMs || b.seq - a.seq)
    .slice(0, RECENT_BASIS)
    .map(({ event }) => maskEvent(countedEvent(event)));

  return {
    day,
    today: today.counterRows(),
    yesterday: counterRowsOf(yesterdaySums),
    year: counterRowsOf(mergeCounties(yearSums, today.bySumsByCounty())),
    volumeToday: volumeToday.rows().map(([county, bucket, level, value]) => ({ county: county!, bucket: Number(bucket), level: level as VolumeRow['level'], value })),
    volumeYesterday: volumeYesterday.rows().map(([county, bucket, , value]) => ({ county: county!, bucket: Number(bucket), level: 'low', value })),
    yesterdayWarnings,
    open: await openAt(atMs, spanning, deps),
    recent,
  };
}

/** The events before `beforeMs` of the warnings that `events` refer to but do not hold, in time order. */
async function earlierHistories(events: readonly StoredEvent[], beforeMs: number, deps: PlaybackDeps): Promise<StoredEvent[]> {
  const held = new Set<string>();
  const referred = new Set<string>();
  for (const event of events) {
    if (event.type === 'warning') held.add(event.id);
    else if (event.type === 'contact' || event.type === 'escalation' || event.type === 'claim') referred.add(event.warningId);
  }
  const missing = [...referred].filter((id) => !held.has(id)).slice(0, PLAYBACK_OPEN_LIMIT);
  if (missing.length === 0) return [];
  const histories = await deps.histories.historiesOf(missing, HISTORY_LIMIT);
  return [...histories.values()].flatMap((history) => history.filter((event) => Date.parse(event.at) < beforeMs));
}

/** Each escalation open at the moment, as its own history up to then leaves it. */
async function openAt(atMs: number, warningIds: readonly string[], deps: PlaybackDeps): Promise<OpenEscalation[]> {
  if (warningIds.length === 0) return [];
  const histories = await deps.histories.historiesOf(warningIds, HISTORY_LIMIT);
  const open: OpenEscalation[] = [];
  for (const [, history] of histories) {
    const replay = new EventReplay(deps.calendar);
    let escalation: EscalationRecord | undefined;
    let warning: WarningRecord | undefined;
    for (const event of history) {
      if (Date.parse(event.at) > atMs) continue;
      const projection = replay.projectEvent(event);
      escalation = projection.escalation ?? escalation;
      warning = projection.warning ?? warning;
    }
    if (escalation && isOpen(escalation)) open.push({ escalation, ...(warning ? { warning } : {}) });
  }
  return open;
}

/** Sums keyed by several parts. */
class Sums {
  readonly #values = new Map<string, number>();

  add(key: readonly string[], delta: number): void {
    const joined = key.join('\u0000');
    this.#values.set(joined, (this.#values.get(joined) ?? 0) + delta);
  }

  rows(): [string | undefined, string | undefined, string | undefined, number][] {
    return [...this.#values].map(([key, value]) => {
      const [a, b, c] = key.split('\u0000');
      return [a, b, c, value];
    });
  }

  counterRows(): CounterRow[] {
    return this.rows().map(([county, metric, , value]) => ({ county: county!, metric: metric as Metric, value }));
  }

  bySumsByCounty(): SumsByGroup {
    const groups: SumsByGroup = new Map();
    for (const { county, metric, value } of this.counterRows()) {
      const sums = groups.get(county) ?? groups.set(county, new Map()).get(county)!;
      sums.set(metric, (sums.get(metric) ?? 0) + value);
    }
    return groups;
  }
}

function counterRowsOf(groups: SumsByGroup): CounterRow[] {
  return [...groups].flatMap(([county, sums]) => [...sums].map(([metric, value]) => ({ county, metric: metric as Metric, value })));
}

function mergeCounties(a: SumsByGroup, b: SumsByGroup): SumsByGroup {
  const out: SumsByGroup = new Map(a);
  for (const [county, sums] of b) out.set(county, mergeSums([out.get(county) ?? new Map(), sums]));
  return out;
}
