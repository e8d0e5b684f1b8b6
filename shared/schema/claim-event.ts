// Who is on an escalation (issue 25): an operator's claim, its release, and a takeover — by a
// claim nobody contested or by a step another operator took. Stored in the event log like a
// step, through the same write path, so every node learns of it from the change feed and the
// console's history shows it; never posted by upstream systems (the contract's five types).
import type { FraudEvent } from './events';

export const CLAIM_ACTIONS = ['claim', 'release', 'takeover'] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

export interface ClaimEvent {
  readonly id: string;
  readonly type: 'claim';
  readonly at: string;
  readonly county: string;
  readonly warningId: string;
  readonly action: ClaimAction;
  /** The account (username) that claims, releases or takes over. */
  readonly by: string;
  /** A takeover's previous holder. */
  readonly from?: string;
}

/** What the event log holds: the contract's events and the server's own claims. */
export type StoredEvent = FraudEvent | ClaimEvent;

/** Whether a stored event is one of the contract's (what walls count and tickers show). */
export function isFraudEvent(event: StoredEvent): event is FraudEvent {
  return event.type !== 'claim';
}
