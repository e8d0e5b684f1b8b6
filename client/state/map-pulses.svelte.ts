// Ripples on the map where a high-risk warning or an unreachable victim just came in.
import type { MaskedEvent } from '../../shared/format/mask-event';
import { isNews } from './news';

const PULSE_MS = 8_000;
const MAX_PULSES = 12;

export class MapPulses {
  /** Counties with a fresh high-risk event, one entry per event. */
  counties = $state.raw<string[]>([]);
  #pulses: { county: string; until: number }[] = [];

  add(events: readonly MaskedEvent[], now: number): void {
    const alarming = events.filter(
      (e) => isNews(e.at, now) && ((e.type === 'warning' && e.level === 'high') || (e.type === 'contact' && e.result === 'unreachable')),
    );
    if (alarming.length === 0) return;
    this.#pulses = [...alarming.map((e) => ({ county: e.county, until: now + PULSE_MS })), ...this.#pulses].slice(0, MAX_PULSES);
    this.#publish();
  }

  expire(now: number): void {
    const live = this.#pulses.filter((p) => p.until > now);
    if (live.length === this.#pulses.length) return;
    this.#pulses = live;
    this.#publish();
  }

  clear(): void {
    this.#pulses = [];
    this.#publish();
  }

  #publish(): void {
    this.counties = [...new Set(this.#pulses.map((p) => p.county))];
  }
}
