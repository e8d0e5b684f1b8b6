// The failed-authentication rule across every node: the store counts each address's failures
// (one row per address, shared by all nodes), so twenty failures spread over three nodes lock
// the address out on all of them. This node's own count goes first: once it alone passes the
// limit, the store is not asked again, so a flood of bad tokens costs the database little.
// Should the store not answer, this node's count decides.
import { isLockedOut, type FailedAuthLimiter, type FailureCounter } from './failed-auth-limiter';

export interface FailedAuthApi {
  /** Counts a failed authentication from `address`: its failures in the current minute, this one included. */
  countAuthFailure(address: string, nowMs: number): Promise<number>;
}

export class SharedFailedAuthLimiter implements FailureCounter {
  constructor(
    private readonly local: FailedAuthLimiter,
    private readonly store: FailedAuthApi,
    private readonly now: () => number,
  ) {}

  refusedUntilMs(address: string): number {
    return this.local.refusedUntilMs(address);
  }

  async countFailure(address: string): Promise<number> {
    const here = this.local.countFailure(address);
    if (isLockedOut(here)) return here;
    try {
      return Math.max(here, await this.store.countAuthFailure(address, this.now()));
    } catch {
      return here;
    }
  }
}
