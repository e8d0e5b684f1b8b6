// A real fraudwall on an ephemeral port with a real SQLite file in a temp dir — or, in the
// conformance suite's PostgreSQL run (FRAUDWALL_TEST_ENGINE=postgres), a database of its own in
// the run's PostgreSQL cluster (postgres-global-setup.ts).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { inject } from 'vitest';
import { createApp, type FraudwallApp, type HttpTimeouts } from '../../server/app/app';
import type { AlertTiming } from '../../server/alerts/alert-desk';
import type { Clock } from '../../server/clock';
import { readConfig } from '../../server/config';
import type { Snapshot } from '../../shared/protocol/wall-state';

/** The engine the server tests run on: SQLite, or PostgreSQL in the conformance suite's second run. */
export const TEST_ENGINE = process.env['FRAUDWALL_TEST_ENGINE'] === 'postgres' ? 'postgres' : 'sqlite';

/** In the PostgreSQL run, each data dir's database: a restart on the same data dir finds what it stored. */
const databases = new Map<string, { name: string; url: string }>();

export async function databaseFor(dataDir: string): Promise<string | undefined> {
  if (TEST_ENGINE !== 'postgres') return undefined;
  let database = databases.get(dataDir);
  if (!database) {
    const name = `fw_${randomUUID().replaceAll('-', '')}`;
    const { createDatabase } = await import('./postgres');
    database = { name, url: await createDatabase(inject('postgresUrl'), name) };
    databases.set(dataDir, database);
  }
  return database.url;
}

async function dropDatabaseOf(dataDir: string): Promise<void> {
  const database = databases.get(dataDir);
  if (!database) return;
  databases.delete(dataDir);
  const { dropDatabase } = await import('./postgres');
  await dropDatabase(inject('postgresUrl'), database.name);
}

export const INGEST_TOKEN = 'ingest-token-for-tests';
export const OPERATOR_TOKEN = 'operator-token-for-tests';
export const VIEWER_TOKEN = 'viewer-token-for-tests';

/** POST …/escalations/:warningId/steps as an operator token (the shared one unless another is given); `body` is sent as JSON, or as is if a string. */
export function postStep(url: string, warningId: string, body: unknown, token = OPERATOR_TOKEN): Promise<Response> {
  return fetch(`${url}/api/v1/escalations/${warningId}/steps`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A clock the test moves by hand. */
export class ManualClock {
  /** It stands still between moves: a screen has nothing to run on. */
  readonly rate = 0;
  constructor(public ms: number) {}
  now(): number {
    return this.ms;
  }
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
}

export interface TestServer {
  readonly app: FraudwallApp;
  readonly url: string;
  readonly dataDir: string;
  /** The server's PostgreSQL database, in the conformance suite's PostgreSQL run. */
  readonly databaseUrl?: string;
  post(body: unknown, init?: { token?: string; contentType?: string; raw?: string | Uint8Array<ArrayBuffer> }): Promise<Response>;
  /** Posts events that must all be accepted. */
  ingest(events: unknown[]): Promise<{ accepted: number; duplicates: number; rejected: unknown[] }>;
  snapshot(token?: string): Promise<Snapshot>;
  close(): Promise<void>;
  /** Closes and deletes the data dir. */
  destroy(): Promise<void>;
}

export interface TestServerOptions {
  readonly env?: Record<string, string>;
  readonly clock?: Clock;
  /** Reuse a data dir (restart tests). */
  readonly dataDir?: string;
  /** Serve this built client (browser tests). */
  readonly clientDir?: string;
  /** Where the server logs (silent unless a test reads the log). */
  readonly logger?: Logger;
  readonly unsentBytesPerSocket?: number;
  readonly httpTimeouts?: HttpTimeouts;
  /** Shorter alarm rounds and backoffs, so a test sees a repeat or a recovery in seconds. */
  readonly alertTiming?: AlertTiming;
}

/** A logger whose lines a test can read. */
export function capturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

export async function startServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'fraudwall-test-'));
  const databaseUrl = options.env?.['FRAUDWALL_DATABASE_URL'] ?? (await databaseFor(dataDir));
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    FRAUDWALL_DATA_DIR: dataDir,
    ...(databaseUrl === undefined ? {} : { FRAUDWALL_DATABASE_URL: databaseUrl }),
    FRAUDWALL_INGEST_TOKEN: INGEST_TOKEN,
    FRAUDWALL_OPERATOR_TOKEN: OPERATOR_TOKEN,
    ...options.env,
  });
  const app = await createApp({
    config,
    logger: options.logger ?? pino({ level: 'silent' }),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.clientDir ? { clientDir: options.clientDir } : {}),
    ...(options.unsentBytesPerSocket ? { unsentBytesPerSocket: options.unsentBytesPerSocket } : {}),
    ...(options.httpTimeouts ? { httpTimeouts: options.httpTimeouts } : {}),
    ...(options.alertTiming ? { alertTiming: options.alertTiming } : {}),
  });
  const port = await app.listen();
  const url = `http://127.0.0.1:${port}`;
  let closed = false;

  const server: TestServer = {
    app,
    url,
    dataDir,
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    post(body, init = {}) {
      const token = init.token ?? INGEST_TOKEN;
      return fetch(`${url}/api/v1/events`, {
        method: 'POST',
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          'content-type': init.contentType ?? 'application/json',
        },
        body: init.raw ?? JSON.stringify(body),
      });
    },
    async ingest(events) {
      const response = await server.post(events);
      if (response.status !== 200) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
      const result = (await response.json()) as { accepted: number; duplicates: number; rejected: unknown[] };
      if (result.rejected.length > 0) throw new Error(`ingest rejected: ${JSON.stringify(result.rejected)}`);
      return result;
    },
    async snapshot(token) {
      const response = await fetch(`${url}/api/v1/snapshot`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      if (response.status !== 200) throw new Error(`snapshot answered ${response.status}`);
      return (await response.json()) as Snapshot;
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
    },
    async destroy() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      await dropDatabaseOf(dataDir);
    },
  };
  return server;
}
