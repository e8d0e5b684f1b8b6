// The demo's history: on a first start, two years before yesterday are simulated and posted
// through the pipeline behind the live wall — a day at a time, yielding between batches so the
// stream stays live — with progress logged and published in the wall state.
import type { Logger } from 'pino';
import type { HistoryProgress } from '../../shared/protocol/wall-state';
import type { RegionPack } from '../../shared/region';
import { addDays, type ZonedCalendar } from '../../shared/time/zoned-calendar';
import type { IngestPipeline } from '../ingest/ingest-pipeline';
import { Random } from './random';
import { SimulatedCenter } from './simulated-center';

const BATCH_SIZE = 1_000;
const LOG_EVERY_DAYS = 30;

export interface HistoryBackfillOptions {
  readonly pipeline: IngestPipeline;
  readonly region: RegionPack;
  readonly calendar: ZonedCalendar;
  readonly logger: Logger;
  /** The first day that is not history (the live backfill starts there). */
  readonly until: string;
  readonly days: number;
  readonly seed: number;
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
    const { calendar, until, days, region, pipeline, logger, onProgress } = this.options;
    const from = addDays(until, -days);
    const to = addDays(until, -1);
    const progress: HistoryProgress = { from, to, loadedThrough: addDays(from, -1), complete: false };
    onProgress(progress);
    const center = new SimulatedCenter(
      region,
      calendar,
      new Random(this.options.seed),
      `hist-${this.options.seed.toString(36)}`,
      calendar.startOfDay(from),
      Number(until.slice(0, 4)),
    );
    const started = Date.now();
    let events = 0;
    for (let day = from; day <= to && !this.#stopped; day = addDays(day, 1)) {
      const planned = center.advance(calendar.startOfDay(addDays(day, 1)));
      for (let i = 0; i < planned.length && !this.#stopped; i += BATCH_SIZE) {
        const batch = planned
          .slice(i, i + BATCH_SIZE)
          .map(({ simMs, body }) => ({ ...body, at: calendar.isoWithOffset(Math.round(simMs)) }));
        events += pipeline.ingest(batch).summary.accepted;
        // Let the stream, the heartbeats and HTTP through between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (this.#stopped) break;
      progress.loadedThrough = day;
      progress.complete = day === to;
      onProgress(progress);
      if (progress.complete || (events > 0 && Number(day.slice(8)) === 1) || days <= LOG_EVERY_DAYS) {
        logger.info({ loadedThrough: day, to, events, seconds: Math.round((Date.now() - started) / 1000) }, 'demo history backfill');
      }
    }
  }
}
