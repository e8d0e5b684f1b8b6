// A client that starts with HTTP long-polling (socket.io's default; python-socketio's) sends
// several requests per session, and only the node that opened a session knows it: through the
// shipped nginx site to two nodes, every such client connects and gets its snapshot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { HAS_NGINX, startNginx, type Nginx } from '../support/nginx';
import { startServer, type TestServer } from '../support/test-server';

const CLIENTS = 5;
let nodes: TestServer[] = [];
let nginx: Nginx | undefined;

describe.skipIf(!HAS_NGINX)('long-polling clients behind nginx with two nodes', () => {
  beforeAll(async () => {
    nodes = [await startServer(), await startServer()];
    nginx = await startNginx(...nodes.map((node) => Number(new URL(node.url).port)));
  });
  afterAll(async () => {
    await nginx?.stop();
    for (const node of nodes) await node.destroy();
  });

  it(`connects ${CLIENTS} of ${CLIENTS}, polling only or polling first, and each gets its snapshot`, async () => {
    const clients: Socket[] = [];
    try {
      const snapshots = await Promise.all(
        Array.from({ length: CLIENTS }, (_, i) => {
          // Polling only (a client that never upgrades, or cannot), or socket.io's default: polling, then the upgrade.
          const transports = i % 2 === 0 ? ['polling'] : ['polling', 'websocket'];
          const client = io(nginx!.url, { transports, forceNew: true, reconnection: false });
          clients.push(client);
          return new Promise<boolean>((resolve, reject) => {
            client.once('snapshot', () => resolve(true));
            client.once('connect_error', reject);
            setTimeout(() => reject(new Error('no snapshot over long-polling')), 10_000).unref();
          });
        }),
      );
      expect(snapshots).toEqual(Array(CLIENTS).fill(true));
    } finally {
      for (const client of clients) client.close();
    }
  }, 30_000);
});
