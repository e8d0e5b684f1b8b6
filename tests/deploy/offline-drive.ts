// Run inside a network namespace with loopback only (offline-release.test.ts starts it with
// `unshare -n`): starts the unpacked release's server with plain `node`, serves a wall and ingest,
// and runs the release's verify, backup, restore and users commands — then prints what it saw as
// one JSON line. Only this driver (a wall, as a kiosk would be) comes from the checkout.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { warning } from '../fixtures/events';
import { INGEST_TOKEN } from '../support/test-server';
import { WallClient } from '../support/wall-client';

const [release, work] = process.argv.slice(2) as [string, string];
const dataDir = path.join(work, 'data');
const env = { PATH: process.env['PATH'] ?? '', HOME: work, FRAUDWALL_DATA_DIR: dataDir, FRAUDWALL_INGEST_TOKEN: INGEST_TOKEN, HOST: '127.0.0.1', PORT: '0' };
const command = promisify(execFile);
const tool = async (script: string, args: string[], extra: Record<string, string> = {}) => {
  try {
    const { stdout } = await command(process.execPath, [`dist/server/${script}.js`, ...args], { cwd: release, env: { ...env, ...extra } });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: `${failed.stdout}${failed.stderr}` };
  }
};

const report: Record<string, unknown> = {
  internet: await fetch('http://registry.npmmirror.com/', { signal: AbortSignal.timeout(3_000) }).then(
    () => 'reached',
    (error: Error) => `unreachable (${(error.cause as Error | undefined)?.message ?? error.message})`,
  ),
};
const server = spawn(process.execPath, ['dist/server/main.js'], { cwd: release, env, stdio: ['ignore', 'pipe', 'pipe'] });
let log = '';
server.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
const url = await new Promise<string>((resolve, reject) => {
  server.stdout!.on('data', (chunk: Buffer) => {
    log += chunk.toString();
    const match = /fraudwall listening on (http:\/\/\S+?)"/.exec(log);
    if (match) resolve(match[1]!.replace(/\/$/, ''));
  });
  server.once('exit', (code) => reject(new Error(`the release's server exited (${code}):\n${log}`)));
});
try {
  report['healthz'] = (await fetch(`${url}/healthz`)).status;
  report['page'] = (await (await fetch(`${url}/`)).text()).includes('<script type="module"');
  const wall = new WallClient(url);
  await wall.connected();
  const posted = await fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify([1, 2, 3].map((i) => warning(`offline-${i}`, new Date(Date.now() - 60_000).toISOString()))),
  });
  report['ingest'] = posted.ok ? await posted.json() : `${posted.status} ${(await posted.text()).slice(0, 300)}`;
  const deadline = Date.now() + 10_000;
  const warnings = () => (wall.state?.['today'] as { warnings: { total: number } } | undefined)?.warnings.total;
  while (warnings() !== 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  report['wallWarnings'] = warnings();
  wall.close();
  report['buildInfo'] = /^fraudwall_build_info\{.*$/m.exec(await (await fetch(`${url}/metrics`)).text())?.[0];
} finally {
  server.kill('SIGTERM');
  await once(server, 'exit');
}
const db = new Database(path.join(dataDir, 'fraudwall.sqlite'), { readonly: true });
report['startRecord'] = JSON.parse(db.prepare<[], string>("SELECT object FROM audit WHERE action = 'start' ORDER BY seq DESC LIMIT 1").pluck().get()!);
db.close();
report['verify'] = await tool('verify', []);
const backup = path.join(work, 'fraudwall.backup');
report['backup'] = await tool('backup', ['--out', backup]);
report['restore'] = await tool('restore', [backup, '--audit-key', path.join(dataDir, 'audit.key')], { FRAUDWALL_DATA_DIR: mkdtempSync(path.join(work, 'restored-')) });
report['users'] = await tool('users', ['list']);
process.stdout.write(`${JSON.stringify(report)}\n`);
