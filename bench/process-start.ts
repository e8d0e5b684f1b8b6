// Start to healthy as production starts: `node dist/server/main.js` (the output of `npm run build`)
// on a given data dir, timed from spawn to /healthz answering 200 and a snapshot served; beside
// it, a bare Node process answering its first HTTP request, which is what any start costs here.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COMPILED_MAIN = path.join(ROOT, 'dist/server/main.js');

/** Builds the client and server once per bench run, so the figure is of the code checked out. */
export function buildCompiledServer(): void {
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  if (!existsSync(COMPILED_MAIN)) throw new Error(`npm run build did not write ${COMPILED_MAIN}`);
}

/** Milliseconds from spawning `args` until `ready(port)` resolves; the process is then stopped. */
async function timedStart(args: string[], env: Record<string, string>, ready: (port: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let out = '';
    const port = await new Promise<number>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        const match = /"port":(\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`exited (${code}) before listening:\n${out}`)));
    });
    await ready(port);
    return performance.now() - started;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/** `npm start` on `dataDir`: spawn to /healthz 200 and GET /api/v1/snapshot answered. */
export function compiledStartMs(dataDir: string, env: Record<string, string> = {}): Promise<number> {
  return timedStart([COMPILED_MAIN], { PORT: '0', HOST: '127.0.0.1', FRAUDWALL_DATA_DIR: dataDir, FRAUDWALL_LOG_LEVEL: 'info', ...env }, async (port) => {
    for (;;) {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      if (health?.ok) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const snapshot = await fetch(`http://127.0.0.1:${port}/api/v1/snapshot`);
    if (!snapshot.ok) throw new Error(`snapshot answered ${snapshot.status}`);
    await snapshot.arrayBuffer();
  });
}

const BARE_SERVER = `require('node:http').createServer((_q, s) => s.end('ok')).listen(0, '127.0.0.1', function () { console.log(JSON.stringify({ port: this.address().port })); });`;

/** The baseline: a bare Node HTTP server's spawn to its first answer. */
export function bareNodeStartMs(): Promise<number> {
  return timedStart(['-e', BARE_SERVER], {}, async (port) => void (await (await fetch(`http://127.0.0.1:${port}/`)).text()));
}
