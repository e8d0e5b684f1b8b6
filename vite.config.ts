import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
/** Where `npm run dev` finds the fraudwall server to proxy the API and the stream to. */
const server = process.env['FRAUDWALL_DEV_SERVER'] ?? 'http://localhost:8080';

export default defineConfig({
  root: here('./client'),
  plugins: [svelte()],
  build: {
    outDir: here('./dist/client'),
    emptyOutDir: true,
    // One screen on a LAN, loaded once and left running for weeks: splitting ECharts off gains nothing.
    chunkSizeWarningLimit: 1_000,
    rolldownOptions: {
      input: {
        wall: here('./client/index.html'),
        console: here('./client/console.html'),
        briefing: here('./client/briefing.html'),
        report: here('./client/report.html'),
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
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Server tests each start real servers on real SQLite files: keep the 2-core machine unhurried.
    maxWorkers: 2,
  },
});
