// A session's sockets end at once on the node it signs out on (session-route.ts); on every other
// node — signed out or disabled there, or gone idle — at this check, every SESSION_SWEEP_MS.
// Checking does not count as use, so a wall left open does not keep its session alive.
import type { Logger } from 'pino';
import { endSessionSockets, type WallServer } from './wall-socket';

/** How often each node checks the sessions of its open sockets. */
export const SESSION_SWEEP_MS = 10_000;

export class SessionSweep {
  #timer: NodeJS.Timeout | undefined;
  #sweeping: Promise<void> | undefined;

  constructor(
    private readonly io: WallServer,
    /** Whether a session is still live, without keeping it from going idle. */
    private readonly isLive: (sessionId: string) => Promise<boolean>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.#timer = setInterval(() => void this.sweep(), SESSION_SWEEP_MS);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#sweeping;
  }

  /** Disconnects the sockets whose session has ended, each distinct session asked once, one at a time; one sweep at a time. */
  sweep(): Promise<void> {
    this.#sweeping ??= this.#sweep()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not check the sessions of open sockets'))
      .finally(() => {
        this.#sweeping = undefined;
      });
    return this.#sweeping;
  }

  async #sweep(): Promise<void> {
    const sessions = new Set<string>();
    for (const socket of this.io.of('/').sockets.values()) if (socket.data.sessionId !== undefined) sessions.add(socket.data.sessionId);
    for (const sessionId of sessions) if (!(await this.isLive(sessionId))) endSessionSockets(this.io, sessionId);
  }
}
