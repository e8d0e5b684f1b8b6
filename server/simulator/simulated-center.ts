// Makes up a believable stream of a center's events on a simulated timeline: warnings by the
// hour's activity and the counties' populations, each with its call, and for the unreachable
// ones the escalation's steps; money stopped and recovered; a few cases. Pure apart from its
// seeded random source: what to do with the events (and when) is the runner's business.
import type { RegionPack } from '../../shared/region';
import type { OpenEscalationRecord } from '../../shared/aggregate/records';
import type { ZonedCalendar } from '../../shared/time/zoned-calendar';
import * as profile from './center-profile';
import { centerSize, countyWeights, type CenterSize } from './center-size';
import { countyTendency } from './county-tendencies';
import { OUTREACH_UNITS, type ContactResult, type FraudType, type OutreachUnit } from '../../shared/vocabulary';
import { PacedAmount, PacedCount } from './paced-total';
import type { Random } from './random';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const MS_PER_YEAR = 365.25 * MS_PER_DAY;
/** Generation advances in steps of at most this, so each step sees one hour's activity. */
const STEP_MS = MS_PER_MINUTE;
/** An escalation open longer than this after a restart is closed at once (the room works them in an hour). */
const OVERDUE_MS = 2 * 3_600_000;
/** Planned follow-ups kept at most: a runaway speed drops new plans rather than memory. */
export const MAX_PLANNED = 20_000;

/** An event without its `at`; `simMs` says when on the simulated timeline it happens. */
/** The mean of a log-normal draw around `median` with spread σ. */
function logNormalMean(median: number, spread: number): number {
  return median * Math.exp((spread * spread) / 2);
}

export interface PlannedEvent {
  readonly simMs: number;
  readonly body: Record<string, unknown>;
}

export class SimulatedCenter {
  #simMs: number;
  #planned: PlannedEvent[] = [];
  #nextId = 0;
  readonly #countyWeights: Record<string, number>;
  /** Money stopped and recovered, by people and each county's own tendency. */
  readonly #moneyWeights: Record<string, number>;
  /** Each county's call results, after its own tendency. */
  readonly #contactMix = new Map<string, Record<ContactResult, number>>();
  readonly #size: CenterSize;
  readonly #paced;
  /** When the next wave begins (simulated ms), and the one under way. */
  #nextWaveMs: number;
  #wave: { readonly county: string; readonly fraudType: FraudType; readonly untilMs: number; left: number } | undefined;

  constructor(
    region: RegionPack,
    private readonly calendar: ZonedCalendar,
    private readonly random: Random,
    /** Makes ids unique across runs. */
    private readonly idPrefix: string,
    startSimMs: number,
    /** When "now" is for the year-on-year trend: time before it is simulated worse (center-profile). */
    private readonly trendNowMs = startSimMs,
  ) {
    this.#simMs = startSimMs;
    this.#countyWeights = countyWeights(region);
    this.#moneyWeights = this.#weightedBy((county) => countyTendency(county).money);
    for (const county of region.counties) {
      const { dissuasion } = countyTendency(county.adcode);
      const mix = profile.CONTACT_MIX;
      const unreachable = mix.unreachable * (1 - 0.35 * dissuasion);
      const dissuaded = mix.dissuaded + 8 * dissuasion;
      this.#contactMix.set(county.adcode, { dissuaded, unreachable, not_deceived: 100 - dissuaded - unreachable });
    }
    this.#size = centerSize(region);
    this.#nextWaveMs = startSimMs + profile.WAVE.firstAfterMinutes * MS_PER_MINUTE;
    const count = () => new PacedCount(random);
    this.#paced = {
      warnings: count(),
      stopPayments: count(),
      recoveries: count(),
      casesFiled: count(),
      casesSolved: count(),
      arrests: count(),
      outreach: Object.fromEntries(OUTREACH_UNITS.map((unit) => [unit, count()])) as Record<OutreachUnit, PacedCount>,
      loss: new PacedAmount(0),
      stop_payment: new PacedAmount(100),
      recovery: new PacedAmount(100),
    };
  }

  get simMs(): number {
    return this.#simMs;
  }

  get plannedCount(): number {
    return this.#planned.length;
  }

  /**
   * Plans the remaining steps of escalations left open by an earlier run. One that has waited
   * past the room's working time (the server was stopped meanwhile) is reported back at once,
   * rather than left open on the wall for the time the steps would take.
   */
  finish(open: readonly OpenEscalationRecord[], nowMs: number): void {
    for (const e of open) {
      if (nowMs - e.openedAtMs > OVERDUE_MS) this.#planResolution(e.warningId, e.county, this.#simMs + this.#minutes([0, 2]), e.station);
      else this.#planEscalation(e.warningId, e.county, this.#simMs, e.stage);
    }
  }

  /** Everything that happens from the current simulated time up to `toSimMs`, in time order. */
  advance(toSimMs: number): PlannedEvent[] {
    const out: PlannedEvent[] = [];
    while (this.#simMs < toSimMs) {
      const stepEnd = Math.min(toSimMs, this.#simMs + STEP_MS);
      this.#generate(this.#simMs, stepEnd, out);
      this.#simMs = stepEnd;
    }
    const due = this.#planned.filter((p) => p.simMs < toSimMs);
    this.#planned = this.#planned.filter((p) => p.simMs >= toSimMs);
    out.push(...due);
    return out.sort((a, b) => a.simMs - b.simMs);
  }

  /** Every follow-up still planned, whenever it is due (a history day closes its escalations). */
  drainPlanned(): PlannedEvent[] {
    const planned = this.#planned.sort((a, b) => a.simMs - b.simMs);
    this.#planned = [];
    return planned;
  }

  #generate(from: number, to: number, out: PlannedEvent[]): void {
    this.#waveAt(from);
    const hour = Math.floor(this.calendar.bucketOf(from) / 6);
    const factors = profile.rateFactors(this.calendar.dayKey(from), Math.max(0, this.trendNowMs - from) / MS_PER_YEAR);
    const perDay = (count: number) => (count * (profile.HOURLY_ACTIVITY[hour] ?? 1) * (to - from)) / MS_PER_DAY;
    const at = () => this.random.between(from, to);
    const paced = this.#paced;
    const size = this.#size;

    // A wave under way takes about its share of this minute's warnings.
    let waveTakes = this.#wave ? Math.ceil(this.#wave.left / Math.max(1, (this.#wave.untilMs - from) / MS_PER_MINUTE)) : 0;
    for (let n = paced.warnings.next(perDay(size.warningsPerDay) * factors.warnings); n > 0; n--) {
      const wave = waveTakes-- > 0 && this.#wave && this.#wave.left-- > 0 ? this.#wave : undefined;
      this.#warning(at(), out, wave);
    }
    for (let n = paced.stopPayments.next(perDay(size.stopPaymentsPerDay) * factors.money); n > 0; n--) {
      out.push(this.#interception(at(), 'stop_payment', profile.STOP_PAYMENT_MEDIAN_YUAN));
    }
    for (let n = paced.recoveries.next(perDay(size.recoveriesPerDay) * factors.money); n > 0; n--) {
      out.push(this.#interception(at(), 'recovery', profile.RECOVERY_MEDIAN_YUAN));
    }
    const casesFiled = paced.casesFiled.next(perDay(size.casesFiledPerDay) * factors.casesFiled);
    // Each county's cases fall at its own pace: the further back, the more its share differs.
    const yearsBefore = Math.max(0, this.trendNowMs - from) / MS_PER_YEAR;
    const caseWeights = casesFiled > 0 ? this.#weightedBy((county) => 1 + countyTendency(county).caseTrend * yearsBefore) : undefined;
    for (let n = casesFiled; n > 0; n--) {
      const median = profile.CASE_LOSS_MEDIAN_YUAN * 100 * factors.caseLoss;
      const lossFen = paced.loss.next(this.random.logNormal(median, profile.CASE_LOSS_SPREAD), logNormalMean(median, profile.CASE_LOSS_SPREAD));
      out.push(this.#event(at(), { type: 'case', county: this.random.weighted(caseWeights!), kind: 'filed', lossFen }));
    }
    for (let n = paced.casesSolved.next(perDay(size.casesSolvedPerDay) * factors.casesSolved); n > 0; n--) {
      out.push(this.#event(at(), { type: 'case', county: this.#county(), kind: 'solved' }));
    }
    // Suspects are caught one to three at a time; the persons, not the events, keep to the rate.
    for (let persons = paced.arrests.next(perDay(size.arrestsPerDay) * factors.arrests); persons > 0; ) {
      const count = Math.min(persons, this.random.int(1, 3));
      out.push(this.#event(at(), { type: 'case', county: this.#county(), kind: 'arrest', count }));
      persons -= count;
    }
    this.#outreach(hour, (to - from) / MS_PER_DAY, at, out);
  }

  /** The hour's outreach (in working hours): each unit at its pace, in the counties by people. */
  #outreach(hour: number, dayFraction: number, at: () => number, out: PlannedEvent[]): void {
    const [open, close] = profile.OUTREACH_HOURS;
    if (hour < open || hour >= close) return;
    const workingDay = 24 / (close - open);
    for (const unit of OUTREACH_UNITS) {
      const habit = profile.OUTREACH[unit];
      for (let n = this.#paced.outreach[unit].next(habit.perDay * this.#size.peopleScale * workingDay * dayFraction); n > 0; n--) {
        const county = this.#county();
        const format = this.random.weighted(habit.formats);
        const sessions = this.random.int(...habit.sessions);
        const perSession = this.random.logNormal(habit.peopleMedian * profile.OUTREACH_REACH[format], profile.OUTREACH_PEOPLE_SPREAD);
        const station = unit === 'police' ? { station: this.random.pick(profile.STATIONS[county] ?? profile.USUAL_STATIONS) } : {};
        out.push(this.#event(at(), { type: 'outreach', county, unit, format, sessions, people: Math.round(sessions * perSession), ...station }));
      }
    }
  }

  /** Ends a wave whose minutes are over; begins one when it is time, in the daytime hours: one gang, one county, one script. */
  #waveAt(nowMs: number): void {
    if (this.#wave && nowMs >= this.#wave.untilMs) this.#wave = undefined;
    if (this.#wave || nowMs < this.#nextWaveMs) return;
    const hour = Math.floor(this.calendar.bucketOf(nowMs) / 6);
    if (hour < profile.WAVE.hours[0] || hour >= profile.WAVE.hours[1]) return;
    this.#wave = {
      county: this.#county(),
      fraudType: this.random.weighted(profile.WAVE.types),
      untilMs: nowMs + profile.WAVE.minutes * MS_PER_MINUTE,
      left: this.random.int(...profile.WAVE.warnings),
    };
    this.#nextWaveMs = nowMs + this.random.between(0.5, 1.5) * profile.WAVE.meanGapHours * 3_600_000;
  }

  #warning(simMs: number, out: PlannedEvent[], wave?: { readonly county: string; readonly fraudType: FraudType }): void {
    const county = wave?.county ?? this.#county();
    const warning = this.#event(simMs, {
      type: 'warning',
      county,
      source: this.random.weighted(this.#size.sourceMix),
      level: this.random.weighted(profile.LEVEL_MIX),
      fraudType: wave?.fraudType ?? this.random.weighted(profile.FRAUD_TYPE_MIX),
      victim: this.#victim(),
    });
    out.push(warning);
    const warningId = warning.body['id'] as string;
    const callAt = simMs + this.#minutes(profile.MINUTES.toFirstCall) * countyTendency(county).firstCallPace;
    const result = this.random.weighted(this.#contactMix.get(county) ?? profile.CONTACT_MIX);
    this.#plan(this.#event(callAt, { type: 'contact', county, warningId, result, channel: this.random.weighted(profile.CHANNEL_MIX) }));
    if (result === 'unreachable') this.#planEscalation(warningId, county, callAt, 'opened');
  }

  /**
   * The steps still ahead of an escalation at `stage`: comms check, the station and/or a grid
   * worker at the door (FACE_TO_FACE_MIX), report back.
   */
  #planEscalation(warningId: string, county: string, fromMs: number, stage: OpenEscalationRecord['stage']): void {
    let t = fromMs;
    if (stage === 'opened') {
      t += this.#minutes(profile.MINUTES.toCommsCheck);
      const note = this.random.chance(0.3) ? '核查发现号码已呼叫转移' : '号码核查：机主本人使用';
      this.#plan(this.#event(t, { type: 'escalation', county, warningId, step: 'comms', note, by: '通讯处置岗' }));
    }
    const station = this.random.pick(profile.STATIONS[county] ?? profile.USUAL_STATIONS);
    const grid = `${station.replace(/派出所$/, '')}第${this.random.int(1, 12)}网格`;
    // Resumed at the door (a restart): only the report back is still ahead.
    const atTheDoor = stage === 'station' || stage === 'grid';
    const steps = atTheDoor ? [stage] : profile.FACE_TO_FACE_ORDERS[this.random.weighted(profile.FACE_TO_FACE_MIX)];
    if (!atTheDoor) {
      for (const step of steps) {
        t += this.#minutes(profile.MINUTES.toStation) * (step === 'grid' ? profile.GRID_PACE : 1);
        const sent = step === 'station' ? { station, by: '指挥调度岗' } : { grid, by: '网格员' };
        this.#plan(this.#event(t, { type: 'escalation', county, warningId, step, ...sent }));
      }
    }
    const report = this.random.logNormal(profile.REPORT_MEDIAN_MINUTES * countyTendency(county).reportPace, profile.REPORT_SPREAD);
    this.#planResolution(warningId, county, t + report * MS_PER_MINUTE, steps.includes('station') ? station : undefined, steps.includes('grid') ? grid : undefined);
  }

  #planResolution(warningId: string, county: string, simMs: number, station: string | undefined, grid?: string): void {
    const outcome = this.random.weighted(profile.OUTCOME_MIX);
    const by = station ?? grid ?? '指挥调度岗';
    this.#plan(this.#event(simMs, { type: 'escalation', county, warningId, step: 'resolved', ...(station ? { station } : {}), outcome, by }));
  }

  #interception(simMs: number, kind: 'stop_payment' | 'recovery', medianYuan: number): PlannedEvent {
    const median = medianYuan * 100;
    const amountFen = this.#paced[kind].next(this.random.logNormal(median, profile.MONEY_SPREAD), logNormalMean(median, profile.MONEY_SPREAD));
    return this.#event(simMs, { type: 'interception', county: this.random.weighted(this.#moneyWeights), kind, amountFen });
  }

  #event(simMs: number, fields: Record<string, unknown>): PlannedEvent {
    return { simMs, body: { id: `${this.idPrefix}-${(this.#nextId++).toString(36)}`, ...fields } };
  }

  #plan(planned: PlannedEvent): void {
    if (this.#planned.length < MAX_PLANNED) this.#planned.push(planned);
  }

  #county(): string {
    return this.random.weighted(this.#countyWeights);
  }

  /** The counties' people, each multiplied by `factor`. */
  #weightedBy(factor: (county: string) => number): Record<string, number> {
    return Object.fromEntries(Object.entries(this.#countyWeights).map(([county, people]) => [county, people * factor(county)]));
  }

  #minutes([min, max]: readonly [number, number]): number {
    return this.random.between(min, max) * MS_PER_MINUTE;
  }

  #victim(): { phone: string; name?: string } {
    const phone = `1${this.random.pick(['3', '5', '7', '8', '9'])}${String(this.random.int(0, 999_999_999)).padStart(9, '0')}`;
    if (this.random.chance(0.3)) return { phone };
    return { phone, name: this.random.pick(profile.SURNAMES) + this.random.pick(profile.GIVEN_NAMES) };
  }
}
