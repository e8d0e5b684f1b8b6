// Stored events counted again, one at a time in the order they were accepted, through the same
// pure projection the store keeps its rollups with: each event sees what the events before it
// made known about its warning and escalation. The integrity check replays the whole log; the
// statistics replay a day to cut it at a time of day.
import { followingContext, project, warningIdOf, type Projection } from '../../shared/aggregate/project';
import type { ProjectionContext } from '../../shared/aggregate/records';
import { countedEvent } from '../../shared/schema/counted-event';
import type { StoredEvent } from '../../shared/schema/claim-event';
import type { ZonedCalendar } from '../../shared/time/zoned-calendar';

export class EventReplay {
  readonly #contexts = new Map<string, ProjectionContext>();

  constructor(private readonly calendar: ZonedCalendar) {}

  /** The next stored event's projection (counted as ingest counted it: under today's county code). */
  project(body: string): Projection {
    return this.projectEvent(JSON.parse(body) as StoredEvent);
  }

  /** The same, for an event already read. */
  projectEvent(stored: StoredEvent): Projection {
    const event = countedEvent(stored);
    const warningId = warningIdOf(event);
    const context = (warningId === undefined ? undefined : this.#contexts.get(warningId)) ?? {};
    const projection = project(event, context, this.calendar);
    if (warningId !== undefined) this.#contexts.set(warningId, followingContext(context, event, projection));
    return projection;
  }
}
