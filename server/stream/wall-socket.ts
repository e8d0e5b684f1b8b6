// One wall connection: viewer check on the handshake, a snapshot on connect and on resync,
// then the room's deltas and heartbeats.
import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/wall-state';
import { addressOf, type AccessControl } from '../auth/access-control';
import { WALL_ROOM, type Broadcaster } from './broadcaster';

export function attachWallSockets(
  io: Server<ClientToServerEvents, ServerToClientEvents>,
  access: AccessControl,
  broadcaster: Broadcaster,
  trustProxy: (address: string, hop: number) => boolean,
): void {
  io.use((socket, next) => {
    const token: unknown = socket.handshake.auth['token'];
    const requester = { address: addressOf(socket.request, trustProxy), endpoint: 'socket handshake' };
    const decision = access.decide(requester, typeof token === 'string' ? token : undefined, 'viewer');
    if (decision.ok) return next();
    const error = new Error(decision.message) as Error & { data?: unknown };
    error.data = { status: decision.status };
    next(error);
  });

  io.on('connection', (socket) => {
    socket.emit('snapshot', broadcaster.snapshot());
    void socket.join(WALL_ROOM);
    socket.on('resync', () => socket.emit('snapshot', broadcaster.snapshot()));
  });
}
