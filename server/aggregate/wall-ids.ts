// The ids a wall is shown (issue 22). The contract lets an event's id be any 1–64 characters of
// A–Z a–z 0–9 _ . : -, so a sender may use a phone number as one; a wall must not show it. An
// id with a run of seven or more digits (a phone, a landline without its area code) reaches
// walls with its digit runs masked like free text
// (138****1234) and, so that two such ids never become one card, a tag keyed by a secret derived
// from the audit key (which every node shares): the same on every node and across restarts, so
// cards keep their identity, and no help in guessing the masked digits without the key. Ids
// without such a run, as most are, pass unchanged.
import { createHmac } from 'node:crypto';
import { maskPhone } from '../../shared/format/mask';
import type { MaskedEvent } from '../../shared/format/mask-event';

/** Seven digits or more, as a phone may be written in an id (separators between them allowed). */
const PHONE_LIKE = /\p{Nd}(?:[.:_-]?\p{Nd}){6,}/gu;

export class WallIds {
  readonly #key: Buffer;

  /** `secretHex`: the audit key; the tags use a key derived from it, never the key itself. */
  constructor(secretHex: string) {
    this.#key = createHmac('sha256', Buffer.from(secretHex, 'hex')).update('fraudwall wall ids').digest();
  }

  of(id: string): string {
    const masked = id.replace(PHONE_LIKE, (run) => maskPhone(run.replace(/\P{Nd}/gu, '')));
    if (masked === id) return id;
    return `${masked}~${createHmac('sha256', this.#key).update(id).digest('base64url').slice(0, 10)}`;
  }

  /** The event with its own id and its warning's as walls are shown them. */
  event(event: MaskedEvent): MaskedEvent {
    const warningId = 'warningId' in event && typeof event.warningId === 'string' ? event.warningId : undefined;
    const [id, shownWarningId] = [this.of(event.id), warningId === undefined ? undefined : this.of(warningId)];
    // Most ids pass unchanged: the event itself, not a copy of it.
    if (id === event.id && shownWarningId === warningId) return event;
    return { ...event, id, ...(shownWarningId === undefined ? {} : { warningId: shownWarningId }) };
  }
}
