// fraudwall as a real process (server/main.ts), for the tests that kill, stop and restart it.
import { spawn, type ChildProcess } from 'node:child_process';
import { INGEST_TOKEN, OPERATOR_TOKEN } from './test-server';

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly url: string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** Everything it has written to stdout and stderr so far. */
  output(): string;
}

/** `checkout`: the source tree to run, when it is another release's (a rolling upgrade). */
export async function spawnServer(dataDir: string, port = 0, env: Record<string, string> = {}, checkout = '.'): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: checkout,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      FRAUDWALL_DATA_DIR: dataDir,
      FRAUDWALL_INGEST_TOKEN: INGEST_TOKEN,
      FRAUDWALL_OPERATOR_TOKEN: OPERATOR_TOKEN,
      FRAUDWALL_LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Read all along, so the child never blocks on a full pipe.
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const bound = await new Promise<number>((resolve, reject) => {
    const onData = () => {
      const match = /"port":(\d+).*fraudwall listening/.exec(out);
      if (!match) return;
      child.stdout!.off('data', onData);
      resolve(Number(match[1]));
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
  return { child, port: bound, url: `http://127.0.0.1:${bound}`, exited, output: () => out };
}
