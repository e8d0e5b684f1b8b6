// An event as it is counted (contract: *Legacy codes*): under the county that replaced an
// abolished code; the stored event keeps what was sent.
import { currentCounty } from '../region/legacy-codes';
import type { StoredEvent } from './claim-event';

/** The event under today's county code (the same object when nothing changes). */
export function countedEvent<E extends StoredEvent>(event: E): E {
  const county = currentCounty(event.county);
  return county === event.county ? event : { ...event, county };
}
