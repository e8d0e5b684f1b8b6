import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { postgresBinaries } from './tests/support/postgres-binaries.ts';
import { POSTGRES_CONFORMANCE } from './tests/support/postgres-conformance.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
/** Where `npm run dev` finds the fraudwall server to proxy the API and the stream to. */
const server = process.env['FRAUDWALL_DEV_SERVER'] ?? 'http://localhost:8080';

/**
 * Each build's identity, compiled into its pages and written beside them as version.json, which
 * the server reads at start and puts in every snapshot: a wall left open across an upgrade sees
 * that the server is not the one it was built for and reloads. `npm run dev` has none.
 */
function buildVersion(command: string): { define: Record<string, string>; plugin: Plugin } {
  const { version: release } = JSON.parse(readFileSync(here('./package.json'), 'utf8')) as { version: string };
  const commit = process.env['FRAUDWALL_COMMIT'] ?? gitCommit();
  const id = command === 'build' ? `${release}+${commit}.${Date.now().toString(36)}` : 'dev';
  return {
    define: { __FRAUDWALL_VERSION__: JSON.stringify(id) },
    plugin: {
      name: 'fraudwall-build-version',
      generateBundle() {
        this.emitFile({ type: 'asset', fileName: 'version.json', source: JSON.stringify({ version: id, release, commit }) });
      },
    },
  };
}

/** The checkout's commit, "-dirty" when it has uncommitted changes; "unknown" outside git. */
function gitCommit(): string {
  const git = (args: string[]) => execFileSync('git', args, { cwd: here('.'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    return `${git(['rev-parse', '--short=12', 'HEAD'])}${git(['status', '--porcelain', '--untracked-files=no']) === '' ? '' : '-dirty'}`;
  } catch {
    return 'unknown';
  }
}


/** Tests of `.svelte.ts` modules, whose effects must run. */
const RUNES = 'tests/**/*.svelte.test.ts';

/** The PostgreSQL run, when the machine has PostgreSQL (tests/support/postgres.ts says loudly when not, and fails under CI). */
function postgresProject(): TestProjectInlineConfiguration[] {
  if (postgresBinaries() === undefined) return [];
  return [
    {
      extends: true,
      test: {
        name: 'postgres',
        include: [...POSTGRES_CONFORMANCE],
        env: { FRAUDWALL_TEST_ENGINE: 'postgres' },
        globalSetup: ['tests/support/postgres-global-setup.ts'],
      },
    },
  ];
}

export default defineConfig(({ command, mode }) => {
  const version = buildVersion(command);
  return {
    root: here('./client'),
    plugins: [svelte(), version.plugin],
    define: version.define,
    build: {
      outDir: here('./dist/client'),
      emptyOutDir: true,
      // The kiosk browsers a center has: Chromium 87 (Windows 7's last Chrome is 109; the browsers
      // of government PCs embed Chromium 86–90) and Firefox ESR 115. Syntax is lowered to them;
      // APIs newer than they are stay out of the client (merge-patch.ts), and
      // public/browser-check.js says plainly what a still older one lacks.
      target: ['chrome87', 'edge88', 'firefox115', 'safari14'],
      // One screen on a LAN, loaded once and left running for weeks: splitting ECharts off gains nothing.
      chunkSizeWarningLimit: 1_000,
      rolldownOptions: {
        input: {
          wall: here('./client/index.html'),
          console: here('./client/console.html'),
          briefing: here('./client/briefing.html'),
          report: here('./client/report.html'),
          admin: here('./client/admin.html'),
        },
      },
    },
    server: {
      proxy: {
        '/api': server,
        '/socket.io': { target: server, ws: true },
      },
    },
    test: {
      root: here('.'),
      testTimeout: 30_000,
      hookTimeout: 60_000,
      // Server tests each start real servers on real SQLite files: keep the 2-core machine unhurried.
      maxWorkers: 2,
      projects: [
        // Not an `exclude`: a project's own would replace the command line's (npm test leaves the soak out).
        { extends: true, test: { name: 'sqlite', include: ['tests/**/!(*.svelte).test.ts'] } },
        // Rune modules run as in the browser, where effects run (Svelte's server build never runs them).
        { extends: true, resolve: { conditions: ['browser'] }, test: { name: 'runes', include: [RUNES], environment: './tests/support/rune-environment.ts' } },
        ...(mode === 'test' ? postgresProject() : []),
      ],
    },
  };
});
