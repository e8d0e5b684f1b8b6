// An operator's approved map (FRAUDWALL_MAP_FILE) or the bundled one, read and checked against
// the region's units at start: a map that does not fit stops the server, naming what is wrong.
import { readFileSync } from 'node:fs';
import type { RegionPack } from '../../shared/region';
import { checkRegionMap, type RegionMap } from '../../shared/region/region-map';

/** The map at `file`, checked against the region's units; throws naming what is wrong. */
export function readRegionMap(file: string, region: RegionPack): RegionMap {
  let geo: unknown;
  try {
    geo = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const checked = checkRegionMap(geo, region);
  if (!checked.ok) throw new Error(`${file} does not fit region ${region.id}: ${checked.problems.join('; ')}`);
  return checked.map;
}
