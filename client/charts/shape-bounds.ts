// How far each county of a map reaches, in degrees: what a county's wall zooms to.

/** [west, south, east, north]. */
export type Bounds = readonly [number, number, number, number];

interface Feature {
  properties?: { adcode?: unknown } | null;
  geometry?: { type: string; coordinates: unknown } | null;
}

/** Each feature's bounds by adcode, and the whole map's under ''. */
export function shapeBounds(geo: { features?: readonly Feature[] }): Map<string, Bounds> {
  const all = new Map<string, Bounds>();
  let whole: Bounds | undefined;
  for (const feature of geo.features ?? []) {
    const adcode = feature.properties?.adcode;
    if (typeof adcode !== 'string' || !feature.geometry) continue;
    const bounds = extent(feature.geometry.coordinates);
    if (!bounds) continue;
    all.set(adcode, bounds);
    whole = whole ? union(whole, bounds) : bounds;
  }
  if (whole) all.set('', whole);
  return all;
}

/** The extent of nested coordinate arrays, whatever the geometry's depth. */
function extent(coordinates: unknown): Bounds | undefined {
  if (!Array.isArray(coordinates)) return undefined;
  if (typeof coordinates[0] === 'number' && typeof coordinates[1] === 'number') {
    const [x, y] = coordinates as [number, number];
    return [x, y, x, y];
  }
  let result: Bounds | undefined;
  for (const inner of coordinates) {
    const bounds = extent(inner);
    if (bounds) result = result ? union(result, bounds) : bounds;
  }
  return result;
}

function union(a: Bounds, b: Bounds): Bounds {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/**
 * Centre and zoom for a county on its city's map: the county fills about 60 % of the view, its
 * neighbours around it for context.
 */
export function focusOn(county: Bounds, map: Bounds): { center: [number, number]; zoom: number } {
  const width = Math.max(county[2] - county[0], 1e-6);
  const height = Math.max(county[3] - county[1], 1e-6);
  const zoom = Math.max(1, 0.6 * Math.min((map[2] - map[0]) / width, (map[3] - map[1]) / height));
  return { center: [(county[0] + county[2]) / 2, (county[1] + county[3]) / 2], zoom };
}
