// Every answer that shows victims unmasked (the console's list, the dead letters) records who saw
// it before it leaves: one record a minute per reader, scope, address and list (recent-views.ts),
// however often a console re-reads.
import type { Request, Response } from 'express';
import type { AuditApi } from './audit-api';
import { RecentViews } from './recent-views';
import { requestActor } from './request-actor';

export class VictimViews {
  readonly #recent = new RecentViews();

  constructor(
    private readonly store: AuditApi,
    private readonly now: () => number,
  ) {}

  /** `list`: what was seen, as the record's object. */
  async record(req: Request, res: Response, list: string): Promise<void> {
    const actor = requestActor(req, res, 'operator');
    if (!this.#recent.due([list, actor.actor, actor.scope, actor.address].join('\u0000'), this.now())) return;
    await this.store.audit({ atMs: this.now(), ...actor, action: 'view-victims', object: list, result: 'ok' });
  }
}
