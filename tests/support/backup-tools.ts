// npm run backup and npm run restore as an operator runs them, against a test server's storage
// (its data dir; its PostgreSQL database in the conformance suite's PostgreSQL run, with the
// cluster's own pg_dump and pg_restore first on PATH).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { postgresBinaries } from './postgres-binaries';
import type { StoredIn } from './stored';

export interface ToolRun {
  readonly code: number | null;
  readonly output: string;
}

export interface ToolProcess {
  readonly pid: number;
  readonly done: Promise<ToolRun>;
}

/** Starts `server/cli/<tool>.ts` with `args` on `where`'s storage. */
export function startTool(tool: 'backup' | 'restore', args: readonly string[], where: StoredIn, env: Record<string, string> = {}): ToolProcess {
  const binaries = where.databaseUrl === undefined ? undefined : postgresBinaries();
  const child = spawn(process.execPath, ['--import', 'tsx', `server/cli/${tool}.ts`, ...args], {
    env: {
      ...process.env,
      FRAUDWALL_DATA_DIR: where.dataDir,
      ...(where.databaseUrl === undefined ? {} : { FRAUDWALL_DATABASE_URL: where.databaseUrl }),
      ...(binaries === undefined ? {} : { PATH: `${binaries}${path.delimiter}${process.env['PATH'] ?? ''}` }),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { pid: child.pid!, done: once(child, 'exit').then(([code]) => ({ code: code as number | null, output })) };
}

export function runTool(tool: 'backup' | 'restore', args: readonly string[], where: StoredIn, env?: Record<string, string>): Promise<ToolRun> {
  return startTool(tool, args, where, env).done;
}
