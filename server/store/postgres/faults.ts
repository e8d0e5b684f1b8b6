// Which of PostgreSQL's failures are the database's trouble rather than a bug. By SQLSTATE class
// (https://www.postgresql.org/docs/current/errcodes-appendix.html): connection exceptions (08),
// insufficient resources such as a full disk (53), operator intervention such as a shutdown (57),
// system and I/O errors (58), serialisation failures and deadlocks (40), a lock not available
// (55P03). Without a SQLSTATE: the connection itself failing, as the operating system or the
// driver reports it. A constraint violated or a statement that does not parse is a bug.
const TRANSIENT_CLASSES = new Set(['08', '53', '57', '58', '40']);
const TRANSIENT_STATES = new Set(['55P03']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** What pg and pg-pool say when a connection ends or cannot be had; they give no code. */
const DRIVER_CONNECTION_MESSAGES = /connection terminated|connection timeout|timeout exceeded when trying to connect|client has encountered a connection error|not queryable|cannot use a pool after calling end/i;

export function isPostgresFault(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, severity } = error as Error & { code?: unknown; severity?: unknown };
  if (typeof severity === 'string' && typeof code === 'string') return TRANSIENT_CLASSES.has(code.slice(0, 2)) || TRANSIENT_STATES.has(code);
  if (typeof code === 'string') return NETWORK_CODES.has(code);
  return DRIVER_CONNECTION_MESSAGES.test(error.message);
}
