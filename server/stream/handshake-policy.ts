// Who may open the wall stream, decided before socket.io does any work for them: pages of the
// server's own origin (or FRAUDWALL_ALLOWED_ORIGINS) — so another site cannot read the wall
// through a visitor's browser — and at most so many sockets from one address.
import type { IncomingMessage } from 'node:http';
import type { Server } from 'socket.io';
import { addressOf } from '../auth/access-control';
import { originMatchesHost } from '../http/same-site';

/** Why a handshake was refused: a page of another site, or too many sockets from one address. */
export const HANDSHAKE_REFUSALS = ['socket-origin', 'socket-per-address'] as const;
export type HandshakeRefusal = (typeof HANDSHAKE_REFUSALS)[number];

export interface HandshakePolicyOptions {
  readonly allowedOrigins: readonly string[];
  readonly socketsPerAddress: number;
  readonly trustProxy: (address: string, hop: number) => boolean;
  /** Counts each refusal (/metrics). */
  readonly onRefused: (reason: HandshakeRefusal) => void;
}

export class HandshakePolicy {
  readonly #open = new Map<string, number>();

  constructor(private readonly options: HandshakePolicyOptions) {}

  /** socket.io's `allowRequest`. */
  readonly allowRequest = (req: IncomingMessage, callback: (error: string | null | undefined, ok: boolean) => void): void => {
    const origin = req.headers.origin;
    if (origin !== undefined && !this.#originAllowed(origin, req.headers.host)) {
      this.options.onRefused('socket-origin');
      callback(`origin ${origin} may not open the wall stream`, false);
      return;
    }
    if ((this.#open.get(this.#address(req)) ?? 0) >= this.options.socketsPerAddress) {
      this.options.onRefused('socket-per-address');
      callback('too many connections from this address', false);
      return;
    }
    callback(null, true);
  };

  /** Counts each engine connection against its address until it closes. */
  track(io: Server): void {
    io.engine.on('connection', (conn: { request: IncomingMessage; once(event: 'close', listener: () => void): void }) => {
      const address = this.#address(conn.request);
      this.#open.set(address, (this.#open.get(address) ?? 0) + 1);
      conn.once('close', () => {
        const left = (this.#open.get(address) ?? 1) - 1;
        if (left > 0) this.#open.set(address, left);
        else this.#open.delete(address);
      });
    });
  }

  #originAllowed(origin: string, host: string | undefined): boolean {
    if (this.options.allowedOrigins.includes(origin)) return true;
    return originMatchesHost(origin, host);
  }

  #address(req: IncomingMessage): string {
    return addressOf(req, this.options.trustProxy);
  }
}
