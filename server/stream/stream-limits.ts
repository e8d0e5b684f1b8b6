// What one client can cost the stream, and what it gets past each bound (README, "Bounds").

export interface StreamLimits {
  /** Sockets open at once from one client address (FRAUDWALL_MAX_SOCKETS_PER_ADDRESS); the next handshake is refused. */
  readonly socketsPerAddress: number;
  /** Bytes queued for one socket that it has not taken; past this it is dropped (it reconnects and resyncs). */
  readonly unsentBytes: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = {
  // A control room behind one NAT has dozens of screens and consoles, not hundreds; a reverse
  // proxy in front of every wall needs FRAUDWALL_TRUST_PROXY (or a higher limit).
  socketsPerAddress: 300,
  // About a minute of deltas: a wall that far behind is better served by a fresh snapshot.
  unsentBytes: 1024 * 1024,
};

/** The largest message a client may send: walls only ever send `resync` and their token. */
export const MAX_CLIENT_MESSAGE_BYTES = 16 * 1024;
/** At most one snapshot a second for each socket, however often it asks. */
export const SNAPSHOT_INTERVAL_MS = 1_000;
/** A socket sending more than this many messages in FLOOD_WINDOW_MS is disconnected. */
export const FLOOD_MESSAGES = 30;
export const FLOOD_WINDOW_MS = 10_000;
