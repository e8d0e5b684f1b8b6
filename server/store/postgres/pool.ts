// Connections to the shared database. Integers come back as numbers: every count, millisecond
// and sum of 分 the schema holds is below Number.MAX_SAFE_INTEGER (money-total.ts keeps the sums
// there). A database that stops answering must show within seconds, not hang a request: connects
// and statements time out.
import pg from 'pg';

const INT8 = 20;
const NUMERIC = 1700;

/** Numbers for bigint and numeric (sums) columns; every other type as the driver parses it. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export const CONNECT_TIMEOUT_MS = 3_000;
/** Longer than any request's statement (a year of statistics takes tens of milliseconds). */
export const STATEMENT_TIMEOUT_MS = 15_000;

export function clientConfig(url: string): pg.ClientConfig {
  return {
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    application_name: 'fraudwall',
    keepAlive: true,
    types,
  };
}

export function openPool(url: string, max: number, onIdleError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({ ...clientConfig(url), max, idleTimeoutMillis: 30_000 });
  // A connection lost while idle (the database restarted) is dropped by the pool; it must not end the process.
  pool.on('error', onIdleError);
  return pool;
}
