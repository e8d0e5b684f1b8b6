// The demo's history: on a first start, two years before yesterday are simulated and posted
// through the pipeline behind the live wall — a day at a time, yielding between batches so the
// stream stays live — with progress logged and published in the wall state.
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
import type { Meta } from '../store/meta';
import { Random } from './random';
import { SimulatedCenter } from './simulated-center';

const BATCH_SIZE = 1_000;
const LOG_EVERY_DAYS = 30;
const PLAN_KEY = 'demo.history';

const dayKey = z.string().refine(isDayKey, 'must be a YYYY-MM-DD date');
const HistoryPlanSchema = z.object({
  /** First and last day of history. */
  from: dayKey,
  to: dayKey,
  /** The day after `to`: its year sets the simulated year-over-year trend. */
  until: dayKey,
  seed: z.number().int(),
  /** The last day wholly loaded (the day before `from` when none is). */
  loadedThrough: dayKey,
});
export type HistoryPlan = z.infer<typeof HistoryPlanSchema>;

/** A plan for `days` of history before `until`, nothing loaded yet. */
export function newHistoryPlan(until: string, days: number, seed: number): HistoryPlan {
  const from = addDays(until, -days);
  return { from, to: addDays(until, -1), until, seed, loadedThrough: addDays(from, -1) };
}

/** The plan an earlier run saved, if any (an unreadable one counts as none). */
export function savedHistoryPlan(meta: Meta): HistoryPlan | undefined {
  const saved = meta.get(PLAN_KEY);
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
  readonly meta: Meta;
  readonly region: RegionPack;
  readonly calendar: ZonedCalendar;
  readonly logger: Logger;
  readonly plan: HistoryPlan;
  readonly onProgress: (progress: HistoryProgress) => void;
}

export class HistoryBackfill {
  #stopped = false;

  constructor(private readonly options: HistoryBackfillOptions) {}

  stop(): void {
    this.#stopped = true;
  }

  /** Resolves when the history is loaded or the backfill was stopped. */
  async run(): Promise<void> {
    const { calendar, region, pipeline, meta, logger, onProgress } = this.options;
    const plan = { ...this.options.plan };
    const publish = () => {
      meta.set(PLAN_KEY, JSON.stringify(plan));
      onProgress({ from: plan.from, to: plan.to, loadedThrough: plan.loadedThrough, complete: plan.loadedThrough >= plan.to });
    };
    publish();
    if (plan.loadedThrough >= plan.to) return;
    const center = new SimulatedCenter(
      region,
      calendar,
      new Random(plan.seed),
      `hist-${plan.seed.toString(36)}`,
      calendar.startOfDay(plan.from),
      Number(plan.until.slice(0, 4)),
    );
    const resumedAfter = plan.loadedThrough;
    if (resumedAfter >= plan.from) logger.info({ loadedThrough: resumedAfter, to: plan.to }, 'demo history backfill resumes');
    const started = Date.now();
    let events = 0;
    for (let day = plan.from; day <= plan.to && !this.#stopped; day = addDays(day, 1)) {
      const planned = center.advance(calendar.startOfDay(addDays(day, 1)));
      // Let the stream, the heartbeats and HTTP through between days and batches.
      await new Promise((resolve) => setImmediate(resolve));
      if (day <= resumedAfter) continue;
      for (let i = 0; i < planned.length && !this.#stopped; i += BATCH_SIZE) {
        const batch = planned
          .slice(i, i + BATCH_SIZE)
          .map(({ simMs, body }) => ({ ...body, at: calendar.isoWithOffset(Math.round(simMs)) }));
        events += pipeline.ingest(batch).summary.accepted;
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (this.#stopped) break;
      plan.loadedThrough = day;
      publish();
      if (day === plan.to || (events > 0 && Number(day.slice(8)) === 1) || plan.to <= addDays(plan.from, LOG_EVERY_DAYS)) {
        logger.info({ loadedThrough: day, to: plan.to, events, seconds: Math.round((Date.now() - started) / 1000) }, 'demo history backfill');
      }
    }
  }
}
