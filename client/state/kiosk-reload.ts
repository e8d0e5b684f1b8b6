// A kiosk left running for months mends itself by reloading the page: once when the server it
// talks to runs another build than the page was built for (after an upgrade — at a random
// moment within 30 s, so two hundred walls do not all reload at once), and after an uncaught
// error, which may have left the page in a state nobody planned for. Each is remembered for the
// tab's life, so a page that still disagrees after its reload never reloads in a loop.
export const VERSION_RELOAD_SPREAD_MS = 30_000;
export const ERROR_RELOAD_DELAY_MS = 5_000;
/** After an error reload, another error within this long is left alone (no reload loop). */
export const ERROR_RELOAD_QUIET_MS = 10 * 60_000;

const RELOADED_FOR_VERSION = 'fraudwall.reloadedForVersion';
const RELOADED_FOR_ERROR_AT = 'fraudwall.reloadedForErrorAt';

export interface KioskReloadOptions {
  /** This page's build (`'dev'` never reloads). */
  readonly ownVersion: string;
  readonly storage: Pick<Storage, 'getItem' | 'setItem'>;
  readonly reload: () => void;
  readonly random?: () => number;
  readonly now?: () => number;
}

export class KioskReload {
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: KioskReloadOptions) {}

  /** The server said which build it serves. */
  serverVersion(version: string): void {
    const { ownVersion, storage, random = Math.random } = this.options;
    if (ownVersion === 'dev' || version === 'unknown' || version === ownVersion) return;
    if (storage.getItem(RELOADED_FOR_VERSION) === version) return;
    storage.setItem(RELOADED_FOR_VERSION, version);
    this.#schedule(random() * VERSION_RELOAD_SPREAD_MS);
  }

  /** Something threw and nobody caught it. */
  uncaughtError(): void {
    const { storage, now = Date.now } = this.options;
    const last = Number(storage.getItem(RELOADED_FOR_ERROR_AT) ?? Number.NEGATIVE_INFINITY);
    if (now() - last < ERROR_RELOAD_QUIET_MS) return;
    storage.setItem(RELOADED_FOR_ERROR_AT, String(now()));
    this.#schedule(ERROR_RELOAD_DELAY_MS);
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(delayMs: number): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => this.options.reload(), delayMs);
  }
}
