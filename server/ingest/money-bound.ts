// All money ever stored (stopped, recovered, lost), in 分, stays within Number.MAX_SAFE_INTEGER:
// every sum the server reports is a part of it, so every sum is an exact integer. An event that
// would take it further is refused.
import type { StoredEvent } from '../../shared/schema/claim-event';

export const MONEY_TOTAL_LIMIT_FEN = Number.MAX_SAFE_INTEGER;

/** The money an event adds, and the field that carries it. */
export function moneyOf(event: StoredEvent): { field: string; fen: number } | undefined {
  if (event.type === 'interception') return { field: 'amountFen', fen: event.amountFen };
  if (event.type === 'case' && event.lossFen !== undefined) return { field: 'lossFen', fen: event.lossFen };
  return undefined;
}
