// The state a wall shows (contract.md, "Snapshot"), and the messages that carry it.
// Keyed objects rather than arrays wherever values change often, so merge patches stay small;
// no null outside arrays, because null in a merge patch deletes.
import type { MergePatch } from './merge-patch';
import type { YearFigures, YesterdayFigures } from '../figures/catalogue';
import type { ContactCounts, ContactsByChannel } from '../figures/contact-channels';
import type { OutreachCounts } from '../figures/outreach-units';
import type { MaskedEvent } from '../format/mask-event';
import type { ScopeInfo } from '../region/scopes';
import type { EscalationOutcome, EscalationStage, FraudType, RiskLevel } from '../vocabulary';

export interface WarningTotals {
  total: number;
  byLevel: Record<RiskLevel, number>;
  bySource: { province: number; city: number };
  byType: Record<FraudType, number>;
}

export interface DayTotals {
  warnings: WarningTotals;
  /** Calls by result; `byChannel` the same calls by channel (a call that did not say its channel is `unknown`). */
  contacts: ContactCounts & { byChannel: ContactsByChannel };
  escalations: {
    opened: number;
    /** Open now, whatever day they opened. */
    active: number;
    /** Of those open, how many are past the red threshold (`wall.sla.redMinutes` since `openedAt`) by the server's clock. */
    overdue: number;
    resolved: number;
    byOutcome: Record<EscalationOutcome, number>;
  };
  interceptedFen: { stopPayment: number; recovery: number };
  cases: { filed: number; solved: number; arrest: number; lossFen: number };
  /** Outreach sessions given today and the people they reached (issue 27). */
  outreach: OutreachCounts;
}

/** A county's or a city's figures on the map and in the rankings. */
export interface PlaceFigures {
  adcode: string;
  name: string;
  /** Today's. */
  warnings: number;
  highRisk: number;
  interceptedFen: number;
  /** Open now. */
  activeEscalations: number;
  /** Of those, past the red threshold. */
  overdueEscalations: number;
}

export interface ActiveEscalation {
  warningId: string;
  county: string;
  openedAt: string;
  step: Exclude<EscalationStage, 'resolved'>;
  /** When it reached its current step. */
  stepAt: string;
  /** Masked; null until the warning itself has arrived. */
  phone: string | null;
  name?: string;
  fraudType?: FraudType;
  station?: string;
  /** The community grid whose worker went to the door (警格+网格, issue 27). */
  grid?: string;
  /** When the station and the grid worker were sent, for each that was: the face-to-face steps, either or both. */
  stationAt?: string;
  gridAt?: string;
  /** The display name of the operator on it (issue 25), while someone is. */
  holder?: string;
}

/** Open escalations nobody has claimed or moved on yet: the banner that stays until someone acts. */
export interface UnclaimedEscalations {
  count: number;
  /** The newest few, newest first (UNCLAIMED_LISTED). */
  newest: ActiveEscalation[];
}

/** Warnings per 10-minute bucket ("0"…"143"); buckets with none are left out. */
export interface Volume {
  today: Record<string, Record<RiskLevel, number>>;
  yesterday: Record<string, number>;
}

/** How the wall presents itself; set by configuration, constant while the server runs. */
export interface WallSettings {
  centerName: string;
  /** FRAUDWALL_TZ: the wall's clock and dates follow it, not the screen's own zone. */
  timeZone: string;
  /** Minutes after which an open escalation turns amber, then red. */
  sla: { amberMinutes: number; redMinutes: number };
  /** FRAUDWALL_MAP_SCALE: today's warnings in one place that the map shows in its top colour. */
  mapScale?: number;
  /**
   * How many server milliseconds pass in a real one: 1, except in a demo whose whole clock runs
   * faster (FRAUDWALL_SIMULATE_SPEED); a screen's clock runs on at this rate between heartbeats.
   */
  clockRate: number;
  /** The build of the pages the server serves: a wall built for another reloads itself. */
  version: string;
}

/** The demo's history backfill: two years loading behind the live wall. */
export interface HistoryProgress {
  from: string;
  to: string;
  /** The last day loaded so far (the day before `from` when none is). */
  loadedThrough: string;
  complete: boolean;
}

export interface WallState {
  day: string;
  demo: boolean;
  /** Only while the simulator fills in history. */
  history?: HistoryProgress;
  region: { id: string; name: string };
  /** What this state counts: the region itself, one of its cities, or one county. */
  scope: ScopeInfo;
  wall: WallSettings;
  today: DayTotals;
  /** The catalogue's figures of the `yesterday` window: yesterday's whole day. */
  yesterday: YesterdayFigures;
  /** Yesterday up to this time of day (the server's clock): like for like with today so far. */
  yesterdayUntilNow: { warnings: number };
  /** The catalogue's figures of the `year` window, 1 January to today. */
  year: YearFigures;
  volume: Volume;
  /** Province scope only: every city, in adcode order. */
  cities?: PlaceFigures[];
  /** The counties inside the scope, in adcode order. */
  counties: PlaceFigures[];
  /** County scope only: its place among its city's counties by today's warnings (1 = most). */
  rankInCity?: { rank: number; of: number; cityName: string };
  /**
   * The oldest open escalations, oldest first (so every overdue one comes before any other): at
   * most ACTIVE_LISTED (live-state.ts), more than a board's page cycle shows in 30 s.
   */
  activeEscalations: ActiveEscalation[];
  /** Open escalations beyond those listed; `today.escalations.active` counts them all. */
  activeEscalationsUnlisted: number;
  /** Of the open ones, those still at `opened` that nobody holds: 新增 N 起未认领. */
  unclaimed: UnclaimedEscalations;
  /**
   * Alert targets whose area meets the scope's and that fail to take alarms (issue 26): the duty
   * chief's phone is not hearing. Left out while none fails.
   */
  alerting?: { failing: FailingAlertTarget[] };
  /** The feeds this scope's figures come from, and whether each has gone silent (issue 26). */
  feeds: FeedView[];
  /** Waves of one fraud type in one place inside the scope, standing now (issue 26). */
  surges: SurgeView[];
}

/** 柯桥区 · 冒充公检法 · 近1小时 9 起 · 常态 1.6. */
export interface SurgeView {
  /** The county or city it is in. */
  scope: string;
  scopeName: string;
  fraudType: FraudType;
  /** Warnings of that type there in the last hour. */
  count: number;
  /** The same hour of the week over the previous eight weeks: their median, never below the floor. */
  baseline: number;
  /** When it began to stand (RFC 3339). */
  since: string;
}

/** An upstream feed: the province's and the city's warnings, or an upstream system's own key. */
export interface FeedView {
  /** `province`, `city`, or `key:<username>`. */
  source: string;
  /** 省厅下发, 市平台, or the key's display name. */
  name: string;
  /** Its last accepted event (RFC 3339, by the server's clock). */
  lastAt: string;
  /** Nothing has come for longer than it usually goes quiet from that hour (at least the floor). */
  silent: boolean;
  /** Minutes it may go quiet before it is silent: its usual at that hour, or the floor. */
  quietMinutes: number;
}

export interface FailingAlertTarget {
  name: string;
  scopeName: string;
  /** Since when its oldest alarm waits (RFC 3339). */
  since: string;
  /** The service's reason (errcode 130101 发送过快…, network: connection refused …). */
  error: string;
}

export interface Snapshot extends WallState {
  bootId: string;
  seq: number;
  asOf: string;
  /** The newest events, newest first, masked: the ticker's start. */
  recent: MaskedEvent[];
  /** Set on a state played back (GET /api/v1/snapshot?at=, issue 27): the moment it shows. */
  playback?: { at: string };
}

/** The few fields of a snapshot a page needs when it does not follow the stream (GET /api/v1/status). */
export type WallStatus = Pick<Snapshot, 'day' | 'asOf' | 'demo' | 'wall' | 'history'> & {
  /** The day's surges inside the scope, earliest first, each with its largest hour (issue 26): what the briefing lists. */
  surgesToday: SurgeOfDay[];
};

export interface SurgeOfDay {
  scope: string;
  scopeName: string;
  fraudType: FraudType;
  since: string;
  /** Its largest count in an hour, and the baseline beside it. */
  peak: number;
  baseline: number;
  /** Still standing at its last count, or over. */
  until: string;
}

export interface Delta {
  bootId: string;
  seq: number;
  asOf: string;
  /** RFC 7386 merge patch from the previous state to this one. */
  patch: MergePatch<WallState>;
  /** Events accepted since the previous delta, newest first, masked (at most a few). */
  recent?: MaskedEvent[];
}

export interface Heartbeat {
  serverTime: string;
  /** Whether the server can keep what it is sent; a wall says so while it cannot. */
  storage: { ok: boolean; problem?: string };
}
