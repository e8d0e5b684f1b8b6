// An event a committed batch applied: what the store wrote for it and what the live state follows.
import type { Projection } from '../../shared/aggregate/project';
import type { ProjectionContext } from '../../shared/aggregate/records';
import type { StoredEvent } from '../../shared/schema/claim-event';

/** An event that changed the state, with what the store writes and the live aggregation follows. */
export interface AppliedEvent {
  /** Under today's county code (a legacy code's successor): as it is counted. */
  readonly event: StoredEvent;
  /** As it was sent, in canonical form: as it is stored and compared. */
  readonly body: string;
  readonly context: ProjectionContext;
  readonly projection: Projection;
}
