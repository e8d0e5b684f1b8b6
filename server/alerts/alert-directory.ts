// Every alert target this server knows: the deployment's file's (fixed while it runs) and the
// ones admins saved (read from the store, so every node sees a change at its next round). An
// alarm about a place goes to the targets whose scope holds that place and that ask for its rule.
import type { AlertTarget } from '../../shared/protocol/alert-target';
import type { RegionScopes } from '../../shared/region';
import type { Alarm } from './alarm';
import type { AlertsApi, RaisedAlarm } from './alerts-api';

export interface KnownTarget {
  readonly target: AlertTarget;
  readonly source: 'admin' | 'file';
}

export class AlertDirectory {
  readonly #insideOf = new Map<string, ReadonlySet<string>>();
  #lastKnown: KnownTarget[];

  constructor(
    private readonly store: Pick<AlertsApi, 'alertTargets'>,
    private readonly scopes: RegionScopes,
    private readonly fromFile: readonly AlertTarget[],
  ) {
    this.#lastKnown = fromFile.map((target) => ({ target, source: 'file' as const }));
  }

  /** The file's first: a name in both is the file's (the API refuses to save it). */
  async all(): Promise<KnownTarget[]> {
    const fileNames = new Set(this.fromFile.map((t) => t.name));
    const saved = (await this.store.alertTargets()).filter((t) => !fileNames.has(t.name));
    this.#lastKnown = [...this.fromFile.map((target) => ({ target, source: 'file' as const })), ...saved.map((target) => ({ target, source: 'admin' as const }))];
    return this.#lastKnown;
  }

  /** As `all`, or — while the store cannot be read — the targets last read: the storage alarm's. */
  async allOrLastKnown(): Promise<KnownTarget[]> {
    return this.all().catch(() => this.#lastKnown);
  }

  isFiles(name: string): boolean {
    return this.fromFile.some((t) => t.name === name);
  }

  /** Each alarm once for every target that asked for its rule in a scope holding its place. */
  address(alarms: readonly Alarm[], targets: readonly AlertTarget[]): RaisedAlarm[] {
    const raised: RaisedAlarm[] = [];
    for (const target of targets) {
      const inside = this.#inside(target.scope);
      for (const alarm of alarms) {
        if (target.rules.includes(alarm.rule) && inside.has(alarm.place)) raised.push({ target: target.name, subject: alarm.subject, message: alarm.message });
      }
    }
    return raised;
  }

  /** The adcodes inside a scope (itself included), worked out once per scope: a round addresses hundreds of alarms. */
  #inside(adcode: string): ReadonlySet<string> {
    let inside = this.#insideOf.get(adcode);
    if (!inside) {
      const scope = this.scopes.get(adcode);
      inside = new Set(scope ? this.scopes.inside(scope) : []);
      this.#insideOf.set(adcode, inside);
    }
    return inside;
  }
}
