// A stop finishes within the README's 10 s however many wall connections have gone silent (a
// kiosk whose network died): each here completes the WebSocket upgrade, then never reads or
// answers again, so a close handshake with it could only time out.
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

const SILENT = 50;
let server: TestServer | undefined;
const sockets: net.Socket[] = [];
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await server?.destroy();
});

/** A raw WebSocket upgrade to the stream; resolves once the server has switched protocols, then falls silent. */
function silentWall(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(
        'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
    });
    sockets.push(socket);
    socket.once('data', (chunk) => {
      if (!chunk.toString().startsWith('HTTP/1.1 101')) return reject(new Error(`no upgrade: ${chunk.toString().slice(0, 80)}`));
      // From here on it reads nothing and answers nothing: its receive window fills, its close handshake never comes.
      socket.pause();
      resolve();
    });
    socket.once('error', reject);
  });
}

describe('stopping with silent walls', () => {
  it(`finishes within 10 s with ${SILENT} silent WebSocket connections`, async () => {
    server = await startServer();
    const port = Number(new URL(server.url).port);
    await Promise.all(Array.from({ length: SILENT }, () => silentWall(port)));
    await waitFor(() => expect(server!.app.httpServer.listening).toBe(true));
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 40_000);
});
