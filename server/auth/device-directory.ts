// Each node's copy of every enabled device and its token's hash (a few hundred): a wall's
// handshake is checked here without a store call, so the reconnect storm of a failover costs the
// store nothing. It is reloaded every REFRESH_MS and at once after this node changes an account;
// a token it does not know reloads it at most once a second (a device just added on another
// node). A device disabled or given a new token elsewhere drops out at the next reload, and its
// sockets end then. While the store cannot answer, the copy it has keeps the walls in.
import type { DeviceEntry, DeviceList } from './identity';
import { deviceTokenHash, looksLikeDeviceToken } from './device-token';

export const REFRESH_MS = 10_000;
const MISS_REFRESH_MS = 1_000;

export class DeviceDirectory {
  #byHash = new Map<string, DeviceEntry>();
  #deviceAccounts = 0;
  #loading: Promise<void> | undefined;
  #loadedMs = Number.NEGATIVE_INFINITY;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly load: () => Promise<DeviceList>,
    /** A device's token stopped working (disabled, or a new one issued): end what it holds open. */
    private readonly onRevoked: (username: string) => void,
    private readonly onProblem: (error: unknown) => void,
  ) {}

  /** Whether any device account exists, enabled or not, as of the last load: walls then need a token. */
  get devicesExist(): boolean {
    return this.#deviceAccounts > 0;
  }

  /** The enabled device `token` belongs to, if any. */
  async find(token: string): Promise<DeviceEntry | undefined> {
    if (!looksLikeDeviceToken(token)) return undefined;
    const hash = deviceTokenHash(token);
    if (!this.#byHash.has(hash) && performance.now() - this.#loadedMs >= MISS_REFRESH_MS) await this.refresh().catch(this.onProblem);
    return this.#byHash.get(hash);
  }

  /** The enabled device account of that name, if any (the walls a scene is pushed to). */
  named(username: string): DeviceEntry | undefined {
    for (const entry of this.#byHash.values()) if (entry.username === username && entry.role === 'device') return entry;
    return undefined;
  }

  /** Reloads the devices from the store; calls at the same time share one load. */
  refresh(): Promise<void> {
    this.#loading ??= this.#reload().finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  start(): void {
    this.#timer = setInterval(() => void this.refresh().catch(this.onProblem), REFRESH_MS);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async #reload(): Promise<void> {
    // The machine's own time paces the loads: the demo's or a test's clock may stand still.
    this.#loadedMs = performance.now();
    const { enabled, deviceAccounts } = await this.load();
    const next = new Map(enabled.map((entry) => [entry.tokenHash, entry]));
    this.#deviceAccounts = deviceAccounts;
    const revoked = [...this.#byHash.values()].filter((entry) => !next.has(entry.tokenHash));
    this.#byHash = next;
    for (const { username } of revoked) this.onRevoked(username);
  }
}
