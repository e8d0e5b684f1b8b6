// Every TCP connection the server holds, upgraded ones included. Node's closeAllConnections()
// reaches only HTTP connections: a WebSocket is the upgrade's socket, handed over to socket.io,
// and a wall whose network died never answers the close handshake (ws waits 30 s for it). A
// stop ends them all itself, so it always finishes within the grace a supervisor allows.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export class OpenConnections {
  readonly #sockets = new Set<Socket>();

  constructor(server: Server) {
    server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
  }

  /** Ends every connection still open at once, WebSockets and HTTP alike. */
  destroyAll(): void {
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
  }
}
