// The production path in a temp copy of the repository: `npm run build` compiles the client and
// the server, dev dependencies are pruned away (no tsx, vite or svelte at run time), and
// `npm start` runs the compiled server: healthy, storing, streaming and serving the wall.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { warning } from '../fixtures/events';
import { INGEST_TOKEN } from '../support/test-server';
import { WallClient } from '../support/wall-client';

const copy = mkdtempSync(path.join(tmpdir(), 'fraudwall-production-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** The tracked files, as a fresh clone has them, and the installed packages. */
function copyRepository(): void {
  const files = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(file)) continue;
    mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    cpSync(file, path.join(copy, file));
  }
  cpSync('node_modules', path.join(copy, 'node_modules'), { recursive: true, verbatimSymlinks: true });
}

describe('the production start', () => {
  it('builds once, runs compiled without dev dependencies, and serves the wall', async () => {
    copyRepository();
    const npm = (...args: string[]) => execFileSync('npm', args, { cwd: copy, stdio: 'pipe', env: { ...process.env, CI: 'true' } });
    npm('run', 'build');
    npm('prune', '--omit=dev', '--offline', '--no-audit', '--no-fund');
    for (const dev of ['tsx', 'vite', 'svelte', 'esbuild', 'vitest']) expect(existsSync(path.join(copy, 'node_modules', dev))).toBe(false);

    const child = spawn('npm', ['start'], {
      cwd: copy,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', FRAUDWALL_DATA_DIR: path.join(copy, 'data'), FRAUDWALL_INGEST_TOKEN: INGEST_TOKEN },
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /"port":(\d+).*fraudwall listening/.exec(out);
          if (match) resolve(Number(match[1]));
        });
        child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
        void exited.then((code) => reject(new Error(`npm start exited (${code}):\n${out}`)));
      });
      const url = `http://127.0.0.1:${port}`;
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<script type="module"');

      const wall = new WallClient(url);
      await wall.connected();
      const answer = await fetch(`${url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify([warning('prod-1', new Date(Date.now() - 60_000).toISOString())]),
      });
      expect(await answer.json()).toMatchObject({ accepted: 1 });
      const deadline = Date.now() + 5_000;
      while (wall.deltas.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(wall.deltas.length).toBeGreaterThan(0);
      wall.close();
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  }, 180_000);
});
