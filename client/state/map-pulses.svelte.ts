// Ripples on the map where a high-risk warning or an unreachable victim just came in.
import type { MaskedEvent } from '../../shared/format/mask-event';
import { isNews } from './news';

const PULSE_MS = 8_000;
const MAX_PULSES = 12;
/** More alarming events than this in a minute and the ripples hold still: see `calm`. */
const CALM_PER_MINUTE = 12;
const MINUTE_MS = 60_000;

export class MapPulses {
  /** Counties with a fresh high-risk event, one entry per event. */
  counties = $state.raw<string[]>([]);
  /**
   * Whether alarms come rarely enough for each to ripple. At a province's peak they never stop,
   * and a ripple that never stops repaints the map every frame (a third of a 4K wall's main
   * thread): then the places are marked without the animation.
   */
  calm = $state(true);
  #pulses: { county: string; until: number }[] = [];
  /** When the last alarming events came (at most one more than the calm limit). */
  #arrivals: number[] = [];

  add(events: readonly MaskedEvent[], now: number): void {
    const alarming = events.filter(
      (e) => isNews(e.at, now) && ((e.type === 'warning' && e.level === 'high') || (e.type === 'contact' && e.result === 'unreachable')),
    );
    if (alarming.length === 0) return;
    this.#pulses = [...alarming.map((e) => ({ county: e.county, until: now + PULSE_MS })), ...this.#pulses].slice(0, MAX_PULSES);
    this.#arrivals = [...alarming.map(() => now), ...this.#arrivals].slice(0, CALM_PER_MINUTE + 1);
    this.#publish();
    this.#judgeCalm(now);
  }

  expire(now: number): void {
    this.#judgeCalm(now);
    const live = this.#pulses.filter((p) => p.until > now);
    if (live.length === this.#pulses.length) return;
    this.#pulses = live;
    this.#publish();
  }

  clear(): void {
    this.#pulses = [];
    this.#arrivals = [];
    this.calm = true;
    this.#publish();
  }

  #judgeCalm(now: number): void {
    const calm = this.#arrivals.filter((at) => at > now - MINUTE_MS).length <= CALM_PER_MINUTE;
    if (calm !== this.calm) this.calm = calm;
  }

  #publish(): void {
    this.counties = [...new Set(this.#pulses.map((p) => p.county))];
  }
}
