// A retention job: removes (or erases) old data a chunk at a time — each chunk one short
// transaction on a store thread, so ingest and the walls' reads go on between them — every
// `everyMs` and once at start, until a chunk finds nothing left to do. Runs never overlap.
import type { Logger } from 'pino';

/** A run does at most this many chunks, so a backlog of years is worked off over several runs. */
const MAX_CHUNKS_PER_RUN = 1_000;

export class ChunkedJob {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;

  constructor(
    private readonly name: string,
    private readonly everyMs: number,
    /** One chunk: how many rows it removed or erased (0: done for now). */
    private readonly chunk: () => Promise<number>,
    private readonly logger: Logger,
    /** After a run that did anything. */
    private readonly afterwards: () => Promise<void> = async () => {},
  ) {}

  start(): void {
    void this.run();
    this.#timer = setInterval(() => void this.run(), this.everyMs);
    this.#timer.unref();
  }

  stop(): Promise<unknown> {
    clearInterval(this.#timer);
    return this.#running ?? Promise.resolve();
  }

  /** Runs now (or joins the run under way); how many rows it did. */
  run(): Promise<number> {
    this.#running ??= this.#work().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #work(): Promise<number> {
    let total = 0;
    try {
      for (let chunks = 0; chunks < MAX_CHUNKS_PER_RUN; chunks++) {
        const done = await this.chunk();
        if (done === 0) break;
        total += done;
      }
      if (total > 0) {
        await this.afterwards();
        this.logger.info({ job: this.name, rows: total }, 'retention job done');
      }
    } catch (error) {
      // The store may be out of reach for a while: the next run tries again.
      this.logger.warn({ job: this.name, err: error }, 'retention job stopped early; the next run goes on');
    }
    return total;
  }
}
