// fraudwall as a real process (server/main.ts), for the tests that kill, stop and restart it.
import { spawn, type ChildProcess } from 'node:child_process';
import { INGEST_TOKEN, OPERATOR_TOKEN } from './test-server';

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly url: string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
}

export async function spawnServer(dataDir: string, port = 0, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
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
  const bound = await new Promise<number>((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /"port":(\d+).*fraudwall listening/.exec(out);
      if (match) {
        child.stdout!.off('data', onData);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
  // Keep draining the pipes so the child never blocks on a full buffer.
  child.stdout!.resume();
  child.stderr!.resume();
  return { child, port: bound, url: `http://127.0.0.1:${bound}`, exited };
}
