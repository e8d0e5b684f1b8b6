// What the escalation board shows beyond the open list itself: which cards are new (they
// flash), and which just closed (they stay a few seconds with their outcome: 劝回 / 损失 / 误报).
// Both last real seconds (`realNow`, the screen's own clock): a demo's fast clock must not make
// them blink past before anyone in the room has looked up.
import type { MaskedEvent } from '../../shared/format/mask-event';
import type { ActiveEscalation } from '../../shared/protocol/wall-state';
import type { EscalationOutcome } from '../../shared/vocabulary';
import { isNews } from './news';

export const FRESH_MS = 12_000;
export const LEAVING_MS = 8_000;
const MAX_LEAVING = 4;
const MAX_OUTCOMES = 200;

export interface LeavingCard {
  readonly card: ActiveEscalation;
  readonly outcome?: EscalationOutcome;
  readonly until: number;
}

export class EscalationBoard {
  leaving = $state.raw<LeavingCard[]>([]);
  /** warningIds of cards that appeared while the wall was watching. */
  fresh = $state.raw<ReadonlySet<string>>(new Set());
  #freshUntil = new Map<string, number>();
  #previous = new Map<string, ActiveEscalation>();
  /** Outcomes of recent resolutions, by warningId: the deltas bring them before the card goes. */
  #outcomes = new Map<string, EscalationOutcome>();

  /** A snapshot: start over without flashing or farewells. */
  reset(active: readonly ActiveEscalation[]): void {
    this.#previous = new Map(active.map((e) => [e.warningId, e]));
    this.#freshUntil.clear();
    this.#outcomes.clear();
    this.leaving = [];
    this.fresh = new Set();
  }

  noteEvents(events: readonly MaskedEvent[]): void {
    for (const e of events) {
      if (e.type === 'escalation' && e.step === 'resolved' && e.outcome) this.#outcomes.set(e.warningId, e.outcome);
    }
    while (this.#outcomes.size > MAX_OUTCOMES) this.#outcomes.delete(this.#outcomes.keys().next().value!);
  }

  /**
   * The open list changed: note arrivals and departures. Returns the arrivals that are news
   * (opened just now by the server's clock `now`, not an old escalation caught up on): only they flash.
   */
  follow(active: readonly ActiveEscalation[], now: number, realNow: number): ActiveEscalation[] {
    const current = new Map(active.map((e) => [e.warningId, e]));
    const arrived = active.filter((e) => !this.#previous.has(e.warningId) && isNews(e.openedAt, now));
    for (const e of arrived) this.#freshUntil.set(e.warningId, realNow + FRESH_MS);
    const departed: LeavingCard[] = [];
    for (const [id, card] of this.#previous) {
      if (current.has(id)) continue;
      const outcome = this.#outcomes.get(id);
      departed.push({ card, ...(outcome ? { outcome } : {}), until: realNow + LEAVING_MS });
      this.#freshUntil.delete(id);
    }
    this.#previous = current;
    if (departed.length > 0) this.leaving = [...departed, ...this.leaving].slice(0, MAX_LEAVING);
    if (arrived.length > 0 || departed.length > 0) this.#publishFresh();
    return arrived;
  }

  expire(realNow: number): void {
    if (this.leaving.some((l) => l.until <= realNow)) this.leaving = this.leaving.filter((l) => l.until > realNow);
    let changed = false;
    for (const [id, until] of this.#freshUntil) {
      if (until <= realNow) {
        this.#freshUntil.delete(id);
        changed = true;
      }
    }
    if (changed) this.#publishFresh();
  }

  #publishFresh(): void {
    this.fresh = new Set(this.#freshUntil.keys());
  }
}
