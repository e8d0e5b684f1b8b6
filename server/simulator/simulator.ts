// Runs the simulated center against the real ingest pipeline: on a first start it backfills
// yesterday and today-so-far so the wall is never empty, then it keeps posting live, on the
// server's own clock (the demo's clock runs FRAUDWALL_SIMULATE_SPEED times faster than real
// time, for the whole server: see demo-clock.ts).
import type { Logger } from 'pino';
import type { HistoryProgress } from '../../shared/protocol/wall-state';
import type { RegionPack } from '../../shared/region';
import { addDays, type ZonedCalendar } from '../../shared/time/zoned-calendar';
import type { IngestPipeline } from '../ingest/ingest-pipeline';
import type { DemoApi } from './demo-api';
import { HistoryBackfill, newHistoryPlan, savedHistoryPlan, type HistoryPlan } from './history-backfill';
import { Random } from './random';
import { SimulatedCenter, type PlannedEvent } from './simulated-center';
import { DemoDuty } from './demo-duty';

const TICK_MS = 1_000;
const BATCH_SIZE = 1_000;
const BACKFILL_SLICE_MS = 3_600_000;

export interface SimulatorOptions {
  readonly pipeline: IngestPipeline;
  readonly store: DemoApi;
  readonly region: RegionPack;
  readonly calendar: ZonedCalendar;
  readonly now: () => number;
  readonly logger: Logger;
  readonly seed?: number;
  /** Days of history before yesterday to fill in behind the live wall on a first start. */
  readonly historyDays: number;
  readonly onHistoryProgress: (progress: HistoryProgress) => void;
}

export class Simulator {
  #center: SimulatedCenter;
  #timer: NodeJS.Timeout | undefined;
  #history: HistoryBackfill | undefined;
  /** A tick still posting: the next one waits for it rather than posting beside it. */
  #posting = false;
  readonly #duty: DemoDuty;

  constructor(private readonly options: SimulatorOptions) {
    this.#center = this.#newCenter(options.now());
    this.#duty = new DemoDuty((...claim) => options.pipeline.recordClaim(...claim), new Random(options.seed ?? options.now()));
  }

  /**
   * Starts posting live. With `backfill` (a first start, on an empty store) it first fills
   * yesterday and today up to now at real speed and real timestamps, and the escalations
   * still open at the end carry on, then the history fills in behind; otherwise it finishes
   * the escalations an earlier run left open, and a history an earlier run left unfinished.
   */
  async start({ backfill }: { backfill: boolean }): Promise<void> {
    if (this.#timer) return;
    const { historyDays, calendar, store, now } = this.options;
    if (backfill) {
      await this.#backfill();
      if (historyDays > 0) this.#runHistory(newHistoryPlan(addDays(calendar.dayKey(now()), -1), historyDays, this.options.seed ?? now()));
    } else {
      this.#center.finish(await store.openEscalationRecords(), now());
      const saved = await savedHistoryPlan(store);
      if (saved && historyDays > 0) this.#runHistory(saved);
    }
    this.#timer = setInterval(() => void this.tick(), TICK_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#history?.stop();
  }

  /** Resolves when the history backfill, if one runs, has stopped. */
  stopped(): Promise<void> {
    return this.#history?.finished ?? Promise.resolve();
  }

  #runHistory(plan: HistoryPlan): void {
    const { logger } = this.options;
    this.#history = new HistoryBackfill({ ...this.options, plan, onProgress: this.options.onHistoryProgress });
    this.#history.run().catch((error: unknown) => logger.error({ err: error }, 'demo history backfill failed'));
  }

  /** Posts what happened on the simulated timeline since the last tick. */
  async tick(): Promise<void> {
    if (this.#posting) return;
    this.#posting = true;
    try {
      const now = this.options.now();
      const planned = this.#center.advance(now);
      await this.#post(planned);
      // Live only: the history's escalations were worked long ago.
      this.#duty.noteOpened(planned);
      await this.#duty.claimDue(now);
    } catch (error) {
      this.options.logger.error({ err: error }, 'simulator could not post');
    } finally {
      this.#posting = false;
    }
  }

  async #backfill(): Promise<void> {
    const { calendar, now, logger } = this.options;
    const end = now();
    this.#center = this.#newCenter(calendar.startOfDay(addDays(calendar.dayKey(end), -1)));
    let posted = 0;
    while (this.#center.simMs < end) {
      posted += await this.#post(this.#center.advance(Math.min(end, this.#center.simMs + BACKFILL_SLICE_MS)));
    }
    logger.info({ events: posted }, 'simulator backfilled yesterday and today so far');
  }

  #newCenter(startSimMs: number): SimulatedCenter {
    const { region, calendar, seed, now } = this.options;
    const runTag = now().toString(36);
    return new SimulatedCenter(region, calendar, new Random(seed ?? now()), `sim-${runTag}`, startSimMs);
  }

  async #post(planned: readonly PlannedEvent[]): Promise<number> {
    let accepted = 0;
    for (let i = 0; i < planned.length; i += BATCH_SIZE) {
      const batch = planned
        .slice(i, i + BATCH_SIZE)
        .map(({ simMs, body }) => ({ ...body, at: this.options.calendar.isoWithOffset(Math.round(simMs)) }));
      accepted += (await this.options.pipeline.ingestEvents(batch)).accepted;
    }
    return accepted;
  }
}
