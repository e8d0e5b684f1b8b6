// The server's running parts, started in order and stopped in the reverse order — each stop
// mirrors its start, so a part added to the list is stopped without a second list to keep.
import type { Logger } from 'pino';

export interface Part {
  readonly name: string;
  start(): unknown;
  stop?(): unknown;
}

export class Lifecycle {
  readonly #started: Part[] = [];

  constructor(
    private readonly parts: readonly Part[],
    private readonly logger: Logger,
  ) {}

  /** Starts each part once the one before it has started; a part that fails to start stops those before it. */
  async start(): Promise<void> {
    for (const part of this.parts) {
      try {
        await part.start();
      } catch (error) {
        await this.stop();
        throw error;
      }
      this.#started.push(part);
    }
  }

  /** Stops what started, last first; a part that fails to stop is logged and the rest still stop. */
  async stop(): Promise<void> {
    for (let part = this.#started.pop(); part !== undefined; part = this.#started.pop()) {
      try {
        await part.stop?.();
      } catch (error) {
        this.logger.error({ err: error, part: part.name }, 'a part of the server failed to stop');
      }
    }
  }
}
