// Bounded whatever a connection sends: a declared body over the limit is refused before it is
// read, and headers or bodies that trickle in are cut off by timeouts.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INGEST_TOKEN, startServer, type TestServer } from '../support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ httpTimeouts: { headersMs: 1_000, requestMs: 2_000 } });
});
afterAll(() => server.destroy());

interface Conversation {
  readonly socket: Socket;
  /** Everything the server said, once it closed the connection, and when it did (ms after opening). */
  readonly closed: Promise<{ answer: string; afterMs: number }>;
}

function open(): Conversation {
  const port = Number(new URL(server.url).port);
  const socket = connect(port, '127.0.0.1');
  const started = Date.now();
  let answer = '';
  socket.on('data', (chunk) => (answer += chunk.toString()));
  socket.on('error', () => {});
  const closed = new Promise<{ answer: string; afterMs: number }>((resolve) => socket.once('close', () => resolve({ answer, afterMs: Date.now() - started })));
  return { socket, closed };
}

function trickle(socket: Socket, text: string, everyMs: number): NodeJS.Timeout {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= text.length) return clearInterval(timer);
    socket.write(text[i++]!);
  }, everyMs);
  return timer;
}

describe('HTTP limits', () => {
  it('refuses a declared 1 GiB body with 413 before reading it, and closes the connection', async () => {
    const { socket, closed } = open();
    socket.write(
      `POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${INGEST_TOKEN}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${1024 ** 3}\r\n\r\n[`,
    );
    const { answer, afterMs } = await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('request body is too large');
    expect(afterMs).toBeLessThan(1_500);
  });

  it('cuts a client that sends its headers a byte at a time', async () => {
    const { socket, closed } = open();
    const timer = trickle(socket, `GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ${'a'.repeat(200)}\r\n\r\n`, 100);
    const { afterMs } = await closed;
    clearInterval(timer);
    expect(afterMs).toBeLessThan(4_000);
  });

  it('cuts a client that sends its body a byte at a time', async () => {
    const { socket, closed } = open();
    socket.write(
      `POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${INGEST_TOKEN}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n',
    );
    const timer = trickle(socket, 'x'.repeat(1_000), 100);
    const { answer, afterMs } = await closed;
    clearInterval(timer);
    expect(afterMs).toBeLessThan(5_000);
    expect(answer).not.toMatch(/^HTTP\/1\.1 200/);
  });
});
