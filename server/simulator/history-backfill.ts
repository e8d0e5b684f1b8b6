// The demo's history: on a first start, two years before yesterday are simulated and posted
// through the pipeline behind the live wall — a day at a time, an hour of it simulated at a
// time and posted in batches that the store's thread commits, so the stream stays live, each
// warning's events in one batch so no past escalation is ever open on the wall — with
// progress logged and published in the wall state.
//
// The plan (range and seed) and the last day loaded are kept in the store, so a demo stopped
// half-way resumes where it stopped. The simulation is deterministic for a seed: a resumed run
// replays the days already loaded without posting them, and re-posts the day that was cut
// short, whose stored events come back as duplicates rather than counting twice.
import type { Logger } from 'pino';
import { z } from 'zod';
import type { HistoryProgress } from '../../shared/protocol/wall-state';
import type { RegionPack } from '../../shared/region';
import { addDays, isDayKey, type ZonedCalendar } from '../../shared/time/zoned-calendar';
import type { IngestPipeline } from '../ingest/ingest-pipeline';
import type { DemoApi } from './demo-api';
import { chainBatches } from './chain-batches';
import { Random } from './random';
import { SimulatedCenter, type PlannedEvent } from './simulated-center';

const BATCH_SIZE = 1_000;
const HOUR_MS = 3_600_000;
const LOG_EVERY_DAYS = 30;
const PLAN_KEY = 'demo.history';

const dayKey = z.string().refine(isDayKey, 'must be a YYYY-MM-DD date');
const HistoryPlanSchema = z.object({
  /** First and last day of history. */
  from: dayKey,
  to: dayKey,
  /** The day after `to`: the simulated year-over-year trend reaches today's level there. */
  until: dayKey,
  seed: z.number().int(),
  /** The last day wholly loaded (the day before `from` when none is). */
  loadedThrough: dayKey,
});
export type HistoryPlan = z.infer<typeof HistoryPlanSchema>;

/**
 * One history day, an hour of simulation at a time (so no slice holds the thread for long),
 * then the day's escalations carried to their end: history leaves none open on the live
 * wall, where a step due after midnight would otherwise wait for the next day's slices.
 */
export function* historyDay(center: SimulatedCenter, calendar: ZonedCalendar, day: string): Generator<PlannedEvent[]> {
  const dayEnd = calendar.startOfDay(addDays(day, 1));
  for (let end = calendar.startOfDay(day) + HOUR_MS; end < dayEnd; end += HOUR_MS) yield center.advance(end);
  yield center.advance(dayEnd);
  yield center.drainPlanned();
}

/** A plan for `days` of history before `until`, nothing loaded yet. */
export function newHistoryPlan(until: string, days: number, seed: number): HistoryPlan {
  const from = addDays(until, -days);
  return { from, to: addDays(until, -1), until, seed, loadedThrough: addDays(from, -1) };
}

/** The plan an earlier run saved, if any (an unreadable one counts as none). */
export async function savedHistoryPlan(store: Pick<DemoApi, 'metaGet'>): Promise<HistoryPlan | undefined> {
  const saved = await store.metaGet(PLAN_KEY);
  if (saved === undefined) return undefined;
  try {
    const parsed = HistoryPlanSchema.safeParse(JSON.parse(saved));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export interface HistoryBackfillOptions {
  readonly pipeline: IngestPipeline;
  readonly store: DemoApi;
  readonly region: RegionPack;
  readonly calendar: ZonedCalendar;
  readonly logger: Logger;
  readonly plan: HistoryPlan;
  readonly onProgress: (progress: HistoryProgress) => void;
}

export class HistoryBackfill {
  #stopped = false;
  #finished: Promise<void> = Promise.resolve();

  constructor(private readonly options: HistoryBackfillOptions) {}

  stop(): void {
    this.#stopped = true;
  }

  /** Settles when the run has ended (loaded, stopped or failed). */
  get finished(): Promise<void> {
    return this.#finished;
  }

  /** Resolves when the history is loaded or the backfill was stopped. */
  run(): Promise<void> {
    const running = this.#run();
    this.#finished = running.catch(() => {});
    return running;
  }

  async #run(): Promise<void> {
    const { calendar, region, pipeline, store, logger, onProgress } = this.options;
    const plan = { ...this.options.plan };
    const publish = async () => {
      await store.metaSet(PLAN_KEY, JSON.stringify(plan));
      onProgress({ from: plan.from, to: plan.to, loadedThrough: plan.loadedThrough, complete: plan.loadedThrough >= plan.to });
    };
    await publish();
    if (plan.loadedThrough >= plan.to) return;
    const center = new SimulatedCenter(
      region,
      calendar,
      new Random(plan.seed),
      `hist-${plan.seed.toString(36)}`,
      calendar.startOfDay(plan.from),
      calendar.startOfDay(plan.until),
    );
    const resumedAfter = plan.loadedThrough;
    if (resumedAfter >= plan.from) logger.info({ loadedThrough: resumedAfter, to: plan.to }, 'demo history backfill resumes');
    const started = Date.now();
    let events = 0;
    for (let day = plan.from; day <= plan.to && !this.#stopped; day = addDays(day, 1)) {
      const planned = [];
      for (const slice of historyDay(center, calendar, day)) {
        planned.push(...slice);
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (day <= resumedAfter) continue;
      for (const batch of chainBatches(planned, BATCH_SIZE)) {
        if (this.#stopped) break;
        events += (await pipeline.ingestEvents(batch.map(({ simMs, body }) => ({ ...body, at: calendar.isoWithOffset(Math.round(simMs)) })))).accepted;
      }
      if (this.#stopped) break;
      plan.loadedThrough = day;
      await publish();
      if (day === plan.to || (events > 0 && Number(day.slice(8)) === 1) || plan.to <= addDays(plan.from, LOG_EVERY_DAYS)) {
        logger.info({ loadedThrough: day, to: plan.to, events, seconds: Math.round((Date.now() - started) / 1000) }, 'demo history backfill');
      }
    }
  }
}
