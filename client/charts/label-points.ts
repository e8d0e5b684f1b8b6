// Where each county's name goes on the map: the pole of inaccessibility of its largest
// polygon (the point farthest inside), not its bounding-box centre, which falls outside
// crescent-shaped districts that wrap around a city centre.
import polylabel from 'polylabel';

type Ring = [number, number][];
interface CountyFeature {
  properties?: { adcode?: unknown } | null;
  geometry?: { type: string; coordinates: unknown } | null;
}

/** Degrees; ~100 m, the precision of the bundled shapes. */
const PRECISION = 0.001;

export function labelPoints(geo: { features?: readonly CountyFeature[] }): Map<string, [number, number]> {
  const points = new Map<string, [number, number]>();
  for (const feature of geo.features ?? []) {
    const adcode = feature.properties?.adcode;
    const geometry = feature.geometry;
    if (typeof adcode !== 'string' || !geometry) continue;
    const polygons =
      geometry.type === 'Polygon'
        ? [geometry.coordinates as Ring[]]
        : geometry.type === 'MultiPolygon'
          ? (geometry.coordinates as Ring[][])
          : [];
    let best: ReturnType<typeof polylabel> | undefined;
    for (const polygon of polygons) {
      const pole = polylabel(polygon, PRECISION);
      if (!best || pole.distance > best.distance) best = pole;
    }
    if (best) points.set(adcode, [best[0], best[1]]);
  }
  return points;
}
