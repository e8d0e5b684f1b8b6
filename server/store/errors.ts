// The store's failures, classified once. A transient fault — the database busy or locked, its
// disk full or failing, its connection lost, its thread stopped, writes that would not be kept,
// the queue of waiting calls full — is answered 503: nothing was done, retry. Anything else an
// engine throws (a constraint violated, a statement that does not parse) is a bug, answered 500
// and logged as one, never mistaken for an outage that upstream systems should retry into.

/** The store cannot do it now (a database fault, a stopped thread): retry later. */
export const STORE_UNAVAILABLE = 'FRAUDWALL_STORE_UNAVAILABLE';
/** Health says a write would not be kept, so none was tried (health reports and logs the cause). */
export const UNWRITABLE = 'FRAUDWALL_UNWRITABLE';
/** The store's thread already has its bound of calls waiting: retry in a moment. */
export const STORE_BUSY = 'FRAUDWALL_STORE_BUSY';

export type TransientCode = typeof STORE_UNAVAILABLE | typeof UNWRITABLE | typeof STORE_BUSY;

const TRANSIENT: ReadonlySet<string> = new Set<TransientCode>([STORE_UNAVAILABLE, UNWRITABLE, STORE_BUSY]);

export class StoreUnavailable extends Error {
  readonly code = STORE_UNAVAILABLE;
}

export class Unwritable extends Error {
  readonly code = UNWRITABLE;
}

export class StoreBusy extends Error {
  readonly code = STORE_BUSY;
}

/** The transient failure an error is, if it is one (errors keep their `code` across the store's thread). */
export function transientCode(error: unknown): TransientCode | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT.has(code) ? (code as TransientCode) : undefined;
}

export const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * What an engine throws for a failure of its driver: the same error if it is a bug, a
 * StoreUnavailable if `isTransient` says the database could not do it now.
 */
export function classified(error: unknown, isTransient: (error: unknown) => boolean): unknown {
  if (transientCode(error) !== undefined || !isTransient(error)) return error;
  return new StoreUnavailable(`the database failed: ${describe(error)}`);
}
