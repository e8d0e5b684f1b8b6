// All money ever stored (stopped, recovered, lost), in 分. Every sum the server reports is a part
// of it, so while it stays within Number.MAX_SAFE_INTEGER every sum is an exact integer: an
// event that would take it further is refused.
import type { Database } from 'better-sqlite3';
import type { FraudEvent } from '../../shared/schema/events';

export const MONEY_TOTAL_LIMIT_FEN = Number.MAX_SAFE_INTEGER;

export class MoneyTotal {
  readonly #get;
  readonly #set;

  constructor(db: Database) {
    this.#get = db.prepare<[], { value: number }>('SELECT value FROM money_total WHERE id = 1');
    this.#set = db.prepare<[number]>('INSERT INTO money_total (id, value) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET value = excluded.value');
  }

  read(): number {
    return this.#get.get()?.value ?? 0;
  }

  /** Call inside the batch's transaction with the total the batch reached. */
  write(total: number): void {
    this.#set.run(total);
  }
}

/** The money an event adds, and the field that carries it. */
export function moneyOf(event: FraudEvent): { field: string; fen: number } | undefined {
  if (event.type === 'interception') return { field: 'amountFen', fen: event.amountFen };
  if (event.type === 'case' && event.lossFen !== undefined) return { field: 'lossFen', fen: event.lossFen };
  return undefined;
}
