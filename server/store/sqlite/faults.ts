// Which of SQLite's failures are the database's trouble rather than a bug: its primary result
// codes for a busy or locked database, a failing or full disk, a file it cannot open or write,
// or one that is no longer a database (https://sqlite.org/rescode.html). A constraint violated
// or a statement that does not parse is a bug.
const TRANSIENT_PRIMARY_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_IOERR',
  'SQLITE_FULL',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_NOMEM',
  'SQLITE_PROTOCOL',
]);

export function isSqliteFault(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // Extended codes carry their primary one before an underscore: SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT.
  return typeof code === 'string' && [...TRANSIENT_PRIMARY_CODES].some((primary) => code === primary || code.startsWith(`${primary}_`));
}
