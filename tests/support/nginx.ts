// Debian's nginx in front of a test server, with the shipped site (deploy/nginx/fraudwall.conf)
// pointed at it, beside Debian's own default site as a fresh install enables it: the same proxy
// a center runs. Tests skip loudly without nginx, and under
// CI=true (where .ci/run installs it) they fail instead.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';
import { fileURLToPath } from 'node:url';

export const NGINX = '/usr/sbin/nginx';
export const HAS_NGINX = existsSync(NGINX);
const SITE = fileURLToPath(new URL('../../deploy/nginx/fraudwall.conf', import.meta.url));
const DEBIAN_DEFAULT_SITE = '/etc/nginx/sites-available/default';

if (!HAS_NGINX) {
  if (process.env['CI'] === 'true') throw new Error(`${NGINX} is missing under CI=true: the proxy tests cannot run`);
  console.warn(`\n!!! ${NGINX} is missing: NGINX PROXY TESTS ARE SKIPPED. Install it: apt-get install -y nginx\n`);
}


export interface Nginx {
  readonly url: string;
  /** The site's access log as written so far. */
  accessLog(): string;
  /** nginx's error log as written so far (where it says a node was marked down). */
  errorLog(): string;
  stop(): Promise<void>;
}

/** nginx with the shipped site, listening on a free loopback port, proxying to the nodes on `upstreamPorts`. */
export async function startNginx(...upstreamPorts: number[]): Promise<Nginx> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fraudwall-nginx-'));
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(dir, sub));
  const port = await freePort();
  const site = readFileSync(SITE, 'utf8')
    // Both upstreams (the API's, the stream's) list the nodes.
    .replaceAll(
      'server 127.0.0.1:8080 max_fails=1 fail_timeout=2s;',
      upstreamPorts.map((port) => `server 127.0.0.1:${port} max_fails=1 fail_timeout=2s;`).join('\n    '),
    )
    .replace('listen 80;', `listen 127.0.0.1:${port};`)
    .replace('/var/log/nginx/fraudwall.access.log', path.join(dir, 'access.log'));
  writeFileSync(path.join(dir, 'site.conf'), site);
  // As `apt-get install nginx` leaves it: Debian's default site enabled on the same port, its
  // default_server (where a request no site names goes).
  const debianDefault = existsSync(DEBIAN_DEFAULT_SITE)
    ? readFileSync(DEBIAN_DEFAULT_SITE, 'utf8')
        .replace(/^\s*listen \[::\]:80 default_server;\n/m, '')
        .replace('listen 80 default_server;', `listen 127.0.0.1:${port} default_server;`)
    : '';
  writeFileSync(path.join(dir, 'default.conf'), debianDefault);
  const temp = (name: string) => `${name}_temp_path ${path.join(dir, name === 'client_body' ? 'body' : name)};`;
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      ...(process.getuid?.() === 0 ? ['user root;'] : []),
      `pid ${path.join(dir, 'nginx.pid')};`,
      `error_log ${path.join(dir, 'error.log')} warn;`,
      // As README's Deploying asks of /etc/nginx/nginx.conf: each wall holds two connections through nginx.
      'events { worker_connections 4096; }',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `  ${temp(name)}`),
      `  include ${path.join(dir, 'default.conf')};`,
      `  include ${path.join(dir, 'site.conf')};`,
      '}',
    ].join('\n'),
  );
  const child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await fetch(`${url}/healthz`);
      break;
    } catch (error) {
      if (attempt > 50 || child.exitCode !== null) {
        const log = existsSync(path.join(dir, 'error.log')) ? readFileSync(path.join(dir, 'error.log'), 'utf8') : '';
        throw new Error(`nginx did not start: ${String(error)}\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    accessLog: () => (existsSync(path.join(dir, 'access.log')) ? readFileSync(path.join(dir, 'access.log'), 'utf8') : ''),
    errorLog: () => (existsSync(path.join(dir, 'error.log')) ? readFileSync(path.join(dir, 'error.log'), 'utf8') : ''),
    async stop() {
      child.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
