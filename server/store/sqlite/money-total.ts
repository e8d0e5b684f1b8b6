// The total of all money ever stored, kept in one row so that a batch checks the bound
// (ingest/money-bound.ts) without summing years of events.
import type { Database } from 'better-sqlite3';

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
