// An events row's county as it is counted (shared/schema/counted-event.ts), in SQL either engine
// runs: for migrations that recount stored events into rollups.
import { LEGACY_SUCCESSORS } from '../../../shared/region/legacy-codes';

export const COUNTED_COUNTY_SQL = `CASE county ${Object.entries(LEGACY_SUCCESSORS)
  .map(([abolished, successor]) => `WHEN '${abolished}' THEN '${successor}'`)
  .join(' ')} ELSE county END`;
