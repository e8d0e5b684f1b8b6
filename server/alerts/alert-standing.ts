// Which alert targets fail to take alarms, read from the shared outbox every few seconds on every
// node (whichever node sends), so that the walls and the console of the area a failing robot
// covers say so: the duty chief's phone is not hearing, and the room must call instead.
import type { FailingAlertTarget } from '../../shared/protocol/wall-state';
import type { RegionScopes } from '../../shared/region';
import type { AlertDirectory } from './alert-directory';
import { targetHealth } from './alert-target-view';
import type { AlertsApi } from './alerts-api';

export const STANDING_EVERY_MS = 10_000;

type Failing = FailingAlertTarget & { readonly counties: readonly string[] };

export class AlertStanding {
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly everyMs: number,
    private readonly store: Pick<AlertsApi, 'alertOutbox'>,
    private readonly directory: AlertDirectory,
    private readonly scopes: RegionScopes,
    private readonly iso: (ms: number) => string,
    private readonly onFailing: (failing: Failing[]) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    void this.read();
    this.#timer = setInterval(() => void this.read(), this.everyMs);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async read(): Promise<void> {
    try {
      const outbox = new Map((await this.store.alertOutbox()).map((row) => [row.target, row]));
      const failing: Failing[] = [];
      for (const { target } of await this.directory.all()) {
        const health = targetHealth(outbox.get(target.name), this.iso);
        const scope = this.scopes.get(target.scope);
        if (health.state !== 'failing' || !scope) continue;
        failing.push({ name: target.name, scopeName: scope.name, since: health.oldestPendingAt ?? '', error: health.lastError ?? '', counties: scope.counties.map((c) => c.adcode) });
      }
      this.onFailing(failing);
    } catch (error) {
      this.onError(error);
    }
  }
}
