// `npm run dev`: Vite serves the client from source and passes the API and the socket stream
// through to a running fraudwall server (FRAUDWALL_DEV_SERVER).
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import { startServer, type TestServer } from '../support/test-server';
import { withWall } from '../support/wall-client';

let fraudwall: TestServer | undefined;
let vite: ViteDevServer | undefined;
afterAll(async () => {
  delete process.env['FRAUDWALL_DEV_SERVER'];
  await vite?.close();
  await fraudwall?.destroy();
});

describe('npm run dev', () => {
  it('serves the wall from source and proxies the snapshot and the stream to the server', async () => {
    fraudwall = await startServer();
    process.env['FRAUDWALL_DEV_SERVER'] = fraudwall.url;
    vite = await createServer({
      configFile: path.resolve('vite.config.ts'),
      server: { host: '127.0.0.1', port: 0 },
      logLevel: 'silent',
    });
    await vite.listen();
    const url = vite.resolvedUrls!.local[0]!;

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/wall.ts');
    const snapshot = await fetch(new URL('/api/v1/snapshot', url));
    expect(snapshot.status).toBe(200);
    expect(((await snapshot.json()) as { bootId: string }).bootId).toBe(fraudwall.app.broadcaster.bootId);
    await withWall(url, async (wall) => {
      expect(wall.snapshots[0]?.bootId).toBe(fraudwall!.app.broadcaster.bootId);
    });
  });
});
