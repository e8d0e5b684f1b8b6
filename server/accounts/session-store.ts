// Signed-in sessions as the store keeps them, shared by every node (issue 14). The id a browser
// holds is kept only as its SHA-256: the table alone signs no one in.

export interface SessionRecord {
  readonly idHash: string;
  readonly username: string;
  /** Sent back with every state-changing request of the session (X-CSRF-Token). */
  readonly csrf: string;
  readonly createdMs: number;
  /** The last time the session was used, to a minute. */
  readonly seenMs: number;
}

export interface SessionTable {
  create(session: SessionRecord): void | Promise<void>;
  get(idHash: string): SessionRecord | undefined | Promise<SessionRecord | undefined>;
  touch(idHash: string, nowMs: number): void | Promise<void>;
  remove(idHash: string): void | Promise<void>;
  /** Ends every session of an account (disabled, or its password changed). */
  removeAll(username: string): void | Promise<void>;
}
