// A database written by a later release: this code must not touch it. Refused at start (the
// migrations), on restore, and found by a running node's schema watch — exit 2 each time, with
// both versions named, so the supervisor does not retry what only a person can mend.

/** The database was written by a newer fraudwall: this one must not touch it. */
export const SCHEMA_NEWER = 'FRAUDWALL_SCHEMA_NEWER';

export class SchemaNewer extends Error {
  readonly code = SCHEMA_NEWER;

  constructor(found: number, supported: number) {
    super(
      `database schema version ${found} is newer than this fraudwall (schema ${supported}): it was written by a later release; ` +
        'run that release, or restore a backup made by this one',
    );
  }
}

/** Whether starting failed on a newer database (the code is lost when the store's thread fails to start, the words are not). */
export function isSchemaNewer(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === SCHEMA_NEWER || /schema version \d+ is newer than this fraudwall/.test(error instanceof Error ? error.message : String(error));
}
