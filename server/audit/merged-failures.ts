// Failed and refused sign-ins in the audit trail, merged (issue 22): anyone can send them, so the
// trail must not grow with how many they send. Failures of one (name, address, result) in one
// minute become one record whose object counts them ("37 attempts"), appended once the minute is
// over. An address gets at most NAMES_PER_ADDRESS records a minute — beyond, its attempts merge
// under the name "*" — and the whole node at most MAX_PENDING, beyond which every address merges
// into "*" too. A sign-in that succeeds is recorded at once, never merged.
//
// What is given up: the attempts of the current minute are in memory until it ends, so a crash
// loses at most that minute of failures (a clean stop writes them).
import type { AuditApi } from './audit-api';
import type { AuditEntry } from './audit-chain';

const MINUTE_MS = 60_000;
export const NAMES_PER_ADDRESS = 20;
const MAX_PENDING = 20_000;
/** How often ended minutes are written. */
const FLUSH_EVERY_MS = 1_000;
/** The actor or address that stands for the many, once a bound is reached. */
export const MANY = '*';

interface Pending {
  readonly entry: AuditEntry;
  count: number;
}

export const attemptsObject = (count: number) => `${count} attempt${count === 1 ? '' : 's'}`;

export class MergedFailureAudit {
  readonly #pending = new Map<string, Pending>();
  /** Names seen per (address, minute), to bound each address. */
  readonly #names = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: AuditApi,
    private readonly now: () => number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.#timer = setInterval(() => void this.flush(false), FLUSH_EVERY_MS);
    this.#timer.unref();
  }

  /** Stops the timer and writes everything held, the current minute's too. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.flush(true);
  }

  record(entry: AuditEntry): void {
    const minute = Math.floor(entry.atMs / MINUTE_MS);
    const addressMinute = `${minute}\n${entry.address}`;
    let actor = entry.actor;
    let address = entry.address;
    const keyOf = () => [minute, actor, address, entry.action, entry.object, entry.result].join('\n');
    if (!this.#pending.has(keyOf())) {
      const names = this.#names.get(addressMinute) ?? 0;
      if (names >= NAMES_PER_ADDRESS) actor = MANY;
      else this.#names.set(addressMinute, names + 1);
      if (!this.#pending.has(keyOf()) && this.#pending.size >= MAX_PENDING) [actor, address] = [MANY, MANY];
    }
    const key = keyOf();
    const pending = this.#pending.get(key);
    if (pending) pending.count++;
    else this.#pending.set(key, { entry: { ...entry, actor, address }, count: 1 });
  }

  /** Appends the minutes that are over (all of them when `everything`), oldest first. */
  async flush(everything: boolean): Promise<void> {
    const current = Math.floor(this.now() / MINUTE_MS);
    const due = [...this.#pending].filter(([, { entry }]) => everything || Math.floor(entry.atMs / MINUTE_MS) < current);
    for (const [key] of due) this.#pending.delete(key);
    for (const key of [...this.#names.keys()]) if (everything || Number(key.slice(0, key.indexOf('\n'))) < current) this.#names.delete(key);
    for (const [, { entry, count }] of due.sort(([, a], [, b]) => a.entry.atMs - b.entry.atMs)) {
      try {
        await this.store.audit({ ...entry, object: entry.object === '' ? attemptsObject(count) : `${entry.object}, ${attemptsObject(count)}` });
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
