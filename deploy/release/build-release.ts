// npm run release [-- --out DIR]: the offline release a police network installs with no
// registry in reach — release/fraudwall-<version>-<commit>-linux-x64.tar.gz holding the compiled
// server and client, the production node_modules with their native modules as built here for
// this Node (so: build it on Node 20, linux-x64), the deploy kit, INSTALL.md, a CycloneDX SBOM
// and SHA256SUMS over every file. Built from a copy of the checkout, so the checkout's own dist/
// is never touched; "-dirty" in the commit says it held uncommitted changes.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** What the release holds besides dist/ and node_modules/: the kit, and the maps the server reads at start. */
const KIT = ['deploy/systemd', 'deploy/nginx', 'deploy/kiosk', 'shared/region/geo', 'package.json', 'package-lock.json', 'README.md'];

const { values } = parseArgs({ options: { out: { type: 'string', default: path.join(ROOT, 'release') } } });
if (process.platform !== 'linux' || process.arch !== 'x64') fail(`a release is built on linux-x64 (its native modules are this machine's); this is ${process.platform}-${process.arch}`);
const node = process.versions.node;
if (!node.startsWith('20.')) fail(`a release is built on Node 20, the Node it runs on; this is ${node}`);

const run = (command: string, args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = process.env) =>
  execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 256 * 1_048_576 });
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const commit = `${run('git', ['rev-parse', '--short=12', 'HEAD']).trim()}${run('git', ['status', '--porcelain', '--untracked-files=no']).trim() === '' ? '' : '-dirty'}`;
const name = `fraudwall-${version}-${commit}-linux-x64`;
const out = path.resolve(values.out);
const stage = path.join(out, name);

const source = mkdtempSync(path.join(tmpdir(), 'fraudwall-release-'));
try {
  step('building from a copy of the checkout');
  for (const file of run('git', ['ls-files', '-z']).split('\0').filter((f) => f !== '' && existsSync(path.join(ROOT, f)))) {
    mkdirSync(path.dirname(path.join(source, file)), { recursive: true });
    cpSync(path.join(ROOT, file), path.join(source, file));
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(source, 'node_modules'));
  run('npm', ['run', 'build', '--silent'], source, { ...process.env, FRAUDWALL_COMMIT: commit });

  step(`staging ${name}`);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  cpSync(path.join(source, 'dist'), path.join(stage, 'dist'), { recursive: true });
  for (const item of KIT) cpSync(path.join(ROOT, item), path.join(stage, item), { recursive: true });
  copyProductionModules();
  const glibc = glibcNeeded(path.join(stage, 'node_modules'));
  writeFileSync(
    path.join(stage, 'INSTALL.md'),
    readFileSync(path.join(ROOT, 'deploy/release/INSTALL.md'), 'utf8').replaceAll('{{name}}', name).replaceAll('{{node}}', node).replaceAll('{{abi}}', process.versions.modules).replaceAll('{{glibc}}', glibc),
  );

  step('SBOM (CycloneDX) of the production dependencies');
  writeFileSync(path.join(stage, 'fraudwall.cdx.json'), run('npm', ['sbom', '--sbom-format=cyclonedx', '--omit=dev', '--package-lock-only']));
  writeFileSync(path.join(stage, 'SHA256SUMS'), checksums(stage));

  step('packing');
  const tarball = path.join(out, `${name}.tar.gz`);
  run('tar', ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '-czf', tarball, '-C', out, name]);
  writeFileSync(`${tarball}.sha256`, `${sha256(tarball)}  ${path.basename(tarball)}\n`);
  rmSync(stage, { recursive: true, force: true });
  process.stdout.write(`release: ${tarball} (${(statSync(tarball).size / 1_048_576).toFixed(1)} MB)\n`);
} finally {
  rmSync(source, { recursive: true, force: true });
}

/** The packages `npm ls --omit=dev` names, copied whole (their own nested node_modules are theirs). */
function copyProductionModules(): void {
  const modules = path.join(ROOT, 'node_modules');
  const packages = run('npm', ['ls', '--omit=dev', '--all', '--parseable'])
    .split('\n')
    .map((line) => path.relative(modules, line.trim()))
    .filter((relative) => relative !== '' && !relative.startsWith('..') && !relative.includes(`${path.sep}node_modules${path.sep}`));
  for (const relative of new Set(packages)) cpSync(path.join(modules, relative), path.join(stage, 'node_modules', relative), { recursive: true, verbatimSymlinks: true });
}

/**
 * The newest glibc symbol version the native modules for this platform ask for (the GLIBC_x.y
 * names in their version needs): the oldest C library a target machine may have.
 */
function glibcNeeded(modules: string): string {
  let newest = [2, 17];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.node') && !/musl|win32|darwin|arm/.test(file)) {
        for (const [, major, minor] of readFileSync(file).toString('latin1').matchAll(/GLIBC_(\d+)\.(\d+)/g)) {
          const version = [Number(major), Number(minor)];
          if (version[0]! > newest[0]! || (version[0] === newest[0] && version[1]! > newest[1]!)) newest = version;
        }
      }
    }
  };
  walk(modules);
  return newest.join('.');
}

/** `sha256sum -c SHA256SUMS` in the unpacked directory checks every file. */
function checksums(dir: string): string {
  const files: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) files.push(child);
    }
  };
  walk('');
  return files.map((file) => `${sha256(path.join(dir, file))}  ${file}\n`).join('');
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function step(what: string): void {
  process.stdout.write(`release: ${what}\n`);
}

function fail(message: string): never {
  process.stderr.write(`release: ${message}\n`);
  process.exit(2);
}
