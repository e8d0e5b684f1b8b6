// npm run release, installed where there is no network at all: the tarball is named by version
// and commit and checks against its checksum; unpacked, every file checks against SHA256SUMS, the
// SBOM is CycloneDX and names the native modules, no dev package came along; and inside a
// network namespace with loopback only (`unshare -n`), plain `node` starts the server, which
// serves a wall and ingest and names its build in /metrics and its start record, and the verify,
// backup, restore and users commands run. Needs root for the namespace: skips loudly without,
// fails under CI=true.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CAN_UNSHARE = spawnSync('unshare', ['-n', 'ip', 'link', 'set', 'lo', 'up']).status === 0;
if (!CAN_UNSHARE) {
  if (process.env['CI'] === 'true') throw new Error('cannot make a network namespace (unshare -n, ip) under CI=true: the offline install cannot be tested');
  console.warn('\n!!! cannot make a network namespace (unshare -n needs root; ip comes with iproute2): THE OFFLINE RELEASE IS NOT TESTED\n');
}

const work = mkdtempSync(path.join(tmpdir(), 'fraudwall-offline-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const DEV_ONLY = ['vite', 'vitest', 'tsx', 'svelte', 'esbuild', 'typescript', 'playwright-core', 'echarts', 'socket.io-client'];

describe.skipIf(!CAN_UNSHARE)('the offline release', () => {
  it('installs and serves with no network', () => {
    const out = path.join(work, 'release');
    execFileSync(process.execPath, ['--import', 'tsx', 'deploy/release/build-release.ts', '--out', out], { stdio: 'pipe' });
    const tarball = readdirSync(out).find((name) => name.endsWith('.tar.gz'))!;
    const [, commit] = /^fraudwall-0\.\d+\.\d+-([0-9a-f]{12}(?:-dirty)?)-linux-x64\.tar\.gz$/.exec(tarball) ?? [];
    expect(commit, tarball).toBeDefined();
    execFileSync('sha256sum', ['--quiet', '-c', `${tarball}.sha256`], { cwd: out });

    const installed = path.join(work, 'opt');
    execFileSync('mkdir', ['-p', installed]);
    execFileSync('tar', ['-xzf', path.join(out, tarball), '-C', installed]);
    const release = path.join(installed, tarball.replace(/\.tar\.gz$/, ''));
    execFileSync('sha256sum', ['--quiet', '-c', 'SHA256SUMS'], { cwd: release });
    for (const dev of DEV_ONLY) expect(existsSync(path.join(release, 'node_modules', dev)), dev).toBe(false);
    const sbom = JSON.parse(readFileSync(path.join(release, 'fraudwall.cdx.json'), 'utf8')) as { bomFormat: string; components: { name: string }[] };
    expect(sbom.bomFormat).toBe('CycloneDX');
    const components = new Set(sbom.components.map((c) => c.name));
    for (const native of ['better-sqlite3', 'argon2', 'express', 'socket.io']) expect(components.has(native), native).toBe(true);
    for (const dev of DEV_ONLY) expect(components.has(dev), dev).toBe(false);
    const install = readFileSync(path.join(release, 'INSTALL.md'), 'utf8');
    expect(install).toContain('node dist/server/restore.js');
    // The C library the native modules need, as read from them, and no placeholder left.
    expect(install).toMatch(/glibc 2\.\d+ or later/);
    expect(install).not.toContain('{{');

    const drive = spawnSync(
      'unshare',
      ['-n', 'sh', '-c', 'ip link set lo up && exec "$0" --import tsx tests/deploy/offline-drive.ts "$1" "$2"', process.execPath, release, work],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(drive.status, `${drive.stdout}\n${drive.stderr}`).toBe(0);
    const report = JSON.parse(drive.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(report['internet']).toMatch(/^unreachable/);
    expect(report['healthz']).toBe(200);
    expect(report['page']).toBe(true);
    expect(report['ingest']).toMatchObject({ accepted: 3 });
    expect(report['wallWarnings']).toBe(3);
    expect(report['buildInfo']).toContain(`commit="${commit}"`);
    expect(report['buildInfo']).toMatch(/release="0\.\d+\.\d+"/);
    expect(report['startRecord']).toMatchObject({ commit, release: expect.stringMatching(/^0\.\d+\.\d+$/) });
    for (const command of ['verify', 'backup', 'restore', 'users']) expect(report[command], command).toMatchObject({ code: 0 });
  }, 240_000);
});
