// A new unreachable victim must be noticed: an alert banner (and, with ?sound=1, a chime).
// Rate-limited so a burst is one alert that counts them, not a strobe. Every time here is real
// (the screen's own clock), never a demo's faster one: a banner must stay up long enough to read.
import type { ActiveEscalation } from '../../shared/protocol/wall-state';

export const ALERT_SHOW_MS = 8_000;
/** At most one alert starts per this interval; arrivals in between are gathered into the next. */
export const ALERT_COOLDOWN_MS = 12_000;
const MAX_PENDING = 50;

export interface Alert {
  readonly counties: readonly string[];
  readonly count: number;
  readonly until: number;
}

export class EscalationAlerts {
  current = $state.raw<Alert | undefined>(undefined);
  #pending: ActiveEscalation[] = [];
  #lastStartedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly chime?: () => void) {}

  raise(arrived: readonly ActiveEscalation[], now: number): void {
    if (arrived.length === 0) return;
    this.#pending = [...this.#pending, ...arrived].slice(-MAX_PENDING);
    this.#startIfDue(now);
  }

  tick(now: number): void {
    if (this.current && this.current.until <= now) this.current = undefined;
    this.#startIfDue(now);
  }

  #startIfDue(now: number): void {
    if (this.#pending.length === 0 || now - this.#lastStartedAt < ALERT_COOLDOWN_MS) return;
    this.current = {
      counties: [...new Set(this.#pending.map((e) => e.county))],
      count: this.#pending.length,
      until: now + ALERT_SHOW_MS,
    };
    this.#pending = [];
    this.#lastStartedAt = now;
    this.chime?.();
  }
}
