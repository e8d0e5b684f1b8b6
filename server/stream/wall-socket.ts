// One wall connection: viewer and scope check on the handshake (`auth: {token, scope}`), a
// snapshot of its scope on connect and on resync (paced per socket), then its scope's deltas and
// heartbeats; the wall's minutely health reports go to
// the registry. A socket that floods, or does not take
// what it is sent, is dropped: it reconnects and resyncs like any wall after a network fault.
import type { Logger } from 'pino';
import type { Server, Socket } from 'socket.io';
import { WallHealthSchema } from './wall-health-schema';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/wall-socket';
import type { Scope } from '../../shared/region';
import { addressOf, type AccessControl } from '../auth/access-control';
import { sessionIdOf } from '../auth/session-cookie';
import type { Broadcaster } from './broadcaster';
import { ClientPacer } from './client-pacer';
import type { WallRegistry } from './wall-registry';
import type { WallDirections } from '../walls/wall-directions';

/** What the handshake decided, kept on the socket. */
interface WallSocketData {
  scope: Scope;
  /** The signed-in session the socket came with, if it came with one: signing out ends the socket. */
  sessionId?: string;
  /** The account it came as (a person's session, or a device's token): disabling it ends the socket. */
  account?: string;
  /** The direction it was last sent, as sent: it is sent again only when it changes. */
  direction?: string;
}
export type WallServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, WallSocketData>;
type WallSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, WallSocketData>;

export interface WallSocketsOptions {
  readonly access: AccessControl;
  readonly directions: WallDirections;
  readonly broadcaster: Broadcaster;
  readonly walls: WallRegistry;
  readonly trustProxy: (address: string, hop: number) => boolean;
  readonly now: () => number;
  readonly logger: Logger;
}

/** Disconnects the sockets a session opened: signing out ends them at once. */
export function endSessionSockets(io: WallServer, sessionId: string): void {
  for (const socket of io.of('/').sockets.values()) if (socket.data.sessionId === sessionId) socket.disconnect(true);
}

/** Disconnects an account's sockets: it was disabled, or its device token replaced. */
export function endAccountSockets(io: WallServer, username: string): void {
  for (const socket of io.of('/').sockets.values()) if (socket.data.account === username) socket.disconnect(true);
}

/** Tells every wall whose direction changed what to show now (wall-directions.ts). */
export function sendDirections(io: WallServer, directions: WallDirections): void {
  for (const socket of io.of('/').sockets.values()) sendDirection(socket, directions);
}

function sendDirection(socket: WallSocket, directions: WallDirections): void {
  const direction = directions.directionOf({ scope: socket.data.scope.adcode, ...(socket.data.account === undefined ? {} : { account: socket.data.account }) });
  const text = JSON.stringify(direction);
  if (text === socket.data.direction) return;
  socket.data.direction = text;
  socket.emit('direction', direction);
}

export function attachWallSockets(io: WallServer, { access, directions, broadcaster, walls, trustProxy, now, logger }: WallSocketsOptions): void {
  io.use(async (socket, next) => {
    const auth: unknown = socket.handshake.auth['token'];
    const token = typeof auth === 'string' ? auth : undefined;
    const requester = { address: addressOf(socket.request, trustProxy), endpoint: 'socket handshake' };
    const sessionId = sessionIdOf(socket.request);
    const { decision, account } = await access.admit(requester, token, sessionId, 'viewer', 'GET', undefined);
    if (account) socket.data.account = account.username;
    // Without a token, the account is the session's.
    if (account && token === undefined) socket.data.sessionId = sessionId;
    const scoped = decision.ok ? access.decideScope(decision.granted, socket.handshake.auth['scope']) : decision;
    if (scoped.ok) {
      socket.data.scope = scoped.scope;
      return next();
    }
    const error = new Error(scoped.message) as Error & { data?: unknown };
    error.data = { status: scoped.status };
    next(error);
  });

  io.on('connection', (socket) => {
    const pacer = new ClientPacer(now, () => broadcaster.sendSnapshot(socket.id, socket.data.scope));
    socket.use((_packet, next) => {
      if (!pacer.floods()) return next();
      logger.warn({ address: addressOf(socket.request, trustProxy) }, 'wall socket flooded; disconnected');
      socket.disconnect(true);
    });
    socket.on('resync', () => pacer.snapshot());
    // Real time, as the registry keeps it (wall-registry.ts).
    const connectedAt = Date.now();
    socket.on('wallHealth', (report: unknown) => {
      const health = WallHealthSchema.safeParse(report);
      if (health.success) walls.report(socket.id, socket.data.scope, socket.data.account, addressOf(socket.request, trustProxy), connectedAt, health.data);
      else logger.warn({ problem: health.error.issues[0]?.path.join('.') }, 'wall health report refused');
    });
    socket.on('disconnect', () => {
      pacer.close();
      walls.forget(socket.id);
    });
    pacer.snapshot();
    // A wall that reconnects, reloads or fails over to this node comes back in its scene.
    sendDirection(socket, directions);
  });
}

/** Drops sockets holding more unsent data than `limit` bytes. */
export function dropStuckSockets(io: WallServer, limit: number, logger: Logger): void {
  for (const socket of io.of('/').sockets.values()) {
    const unsent = unsentBytes(socket);
    if (unsent <= limit) continue;
    logger.warn({ unsent }, 'wall socket is not taking its data; dropped');
    socket.disconnect(true);
  }
}

/** What engine.io holds for a socket: packets not yet handed to the transport, and what the WebSocket has not sent. */
function unsentBytes(socket: WallSocket): number {
  const conn = socket.conn as unknown as {
    writeBuffer?: readonly { data?: unknown }[];
    transport?: { socket?: { bufferedAmount?: number } };
  };
  let bytes = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const packet of conn.writeBuffer ?? []) if (typeof packet.data === 'string') bytes += packet.data.length;
  return bytes;
}
