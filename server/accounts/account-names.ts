// Each node's copy of what the room calls each account (issue 25): the holder on a wall's card,
// who pushed a scene, which screen is which. A few hundred names, reloaded every REFRESH_MS and
// at once after this node changes an account, so the thread serving the walls never asks the
// store for a name. An account without a display name is called by its username.
import type { AccountView } from '../../shared/protocol/account';

export const NAMES_REFRESH_MS = 10_000;

export class AccountNames {
  /** Every account, with its display name or null. */
  #names = new Map<string, string | null>();
  /** And its scope: where an upstream key's feed belongs (issue 26). */
  #scopes = new Map<string, string>();
  #loading: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly load: () => Promise<AccountView[]>,
    /** Some name changed: whatever shows names is sent again. */
    private readonly onChange: () => void,
    private readonly onProblem: (error: unknown) => void,
  ) {}

  nameOf(username: string): string {
    return this.#names.get(username) ?? username;
  }

  scopeOf(username: string): string | undefined {
    return this.#scopes.get(username);
  }

  /**
   * Makes sure a signed-in account's name is known before it is shown: one added since the last
   * load (on another node, or by the CLI) reloads the names once; after that it is known.
   */
  async know(username: string): Promise<void> {
    if (!this.#names.has(username)) await this.refresh().catch(this.onProblem);
  }

  /** Reloads the names; calls at the same time share one load. */
  refresh(): Promise<void> {
    this.#loading ??= this.#reload().finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  start(): void {
    this.#timer = setInterval(() => void this.refresh().catch(this.onProblem), NAMES_REFRESH_MS);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async #reload(): Promise<void> {
    const next = new Map<string, string | null>();
    const scopes = new Map<string, string>();
    for (const { username, displayName, scope } of await this.load()) {
      next.set(username, displayName ?? null);
      scopes.set(username, scope);
    }
    this.#scopes = scopes;
    const changed = next.size !== this.#names.size || [...next].some(([username, name]) => this.#names.get(username) !== name);
    this.#names = next;
    if (changed) this.onChange();
  }
}
