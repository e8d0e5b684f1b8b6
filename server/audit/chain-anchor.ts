// The audit chain's anchor (issue 22): at least once a minute, while the chain has grown, its
// newest record's (seq, hash) is appended to a file outside the database — and to the log. The
// key stops anyone who can write the database from rewriting records; the anchor stops them from
// quietly cutting the newest ones off, or emptying the table: `npm run verify` finds every
// anchored record still there, with the hash the anchor wrote. Each node may keep its own file.
import { existsSync, renameSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { Anchor, ChainHead } from './audit-chain';

/** How often the head is looked at (real time: the demo's clock may run faster). */
export const ANCHOR_EVERY_MS = 30_000;

export interface ChainHeadApi {
  /** The chain's newest record, if it has any. */
  auditHead(): Promise<ChainHead | undefined>;
}

export class ChainAnchor {
  #written: ChainHead | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(
    private readonly store: ChainHeadApi,
    private readonly file: string,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    await this.anchor();
    this.#timer = setInterval(() => void this.anchor(), ANCHOR_EVERY_MS);
    this.#timer.unref();
  }

  /** Stops, anchoring the head a last time (the stop's own records). */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.anchor();
  }

  /** Appends the head if it moved since the last anchor; one at a time. */
  anchor(): Promise<void> {
    return (this.#running ??= this.#anchor().finally(() => (this.#running = undefined)));
  }

  async #anchor(): Promise<void> {
    try {
      const head = await this.store.auditHead();
      if (head === undefined || (head.seq === this.#written?.seq && head.hash === this.#written.hash)) return;
      const anchor: Anchor = { at: new Date().toISOString(), seq: head.seq, hash: head.hash };
      await appendFile(this.file, `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
      this.#written = head;
      this.logger.info({ auditAnchor: anchor }, 'audit chain anchored');
    } catch (error) {
      this.logger.error({ err: error, file: this.file }, 'the audit chain could not be anchored; will try again');
    }
  }
}

/** The anchors a file holds, oldest first; a line that is not one is named. Absent file: none. */
export async function readAnchors(file: string): Promise<Anchor[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const anchor = JSON.parse(line) as Partial<Anchor>;
      if (typeof anchor.seq !== 'number' || typeof anchor.hash !== 'string' || typeof anchor.at !== 'string') throw new Error(`${file}:${i + 1}: not an anchor`);
      return { at: anchor.at, seq: anchor.seq, hash: anchor.hash };
    });
}

/**
 * Moves the anchors aside when a backup is restored: they name records written after it, which a
 * restore rightly removes. Kept under a name that says so (and named in the restore's audit
 * record), never deleted. Returns the new name, or undefined when there were none.
 */
export function setAnchorsAside(file: string, nowMs: number): string | undefined {
  if (!existsSync(file)) return undefined;
  const aside = `${file}.before-restore-${new Date(nowMs).toISOString().replace(/[:.]/g, '-')}`;
  renameSync(file, aside);
  return aside;
}
