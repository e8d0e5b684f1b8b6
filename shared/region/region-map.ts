// A region's map checked against its units — a city's counties, the province's cities: a GeoJSON
// FeatureCollection with exactly one Feature per unit, found by `properties.adcode` (never by name: an approved map may spell a
// county another way), and nothing else. The checked map carries each adcode as a string, the
// form the wall joins its figures on.
import type { RegionPack } from './region-pack';

interface Feature {
  readonly type: 'Feature';
  readonly properties: Record<string, unknown> & { adcode: string };
  readonly geometry: unknown;
}

export interface RegionMap {
  readonly type: 'FeatureCollection';
  readonly features: readonly Feature[];
}

const MAX_LISTED = 5;

export function checkRegionMap(geo: unknown, region: RegionPack): { ok: true; map: RegionMap } | { ok: false; problems: string[] } {
  const features = (geo as { type?: unknown; features?: unknown } | null)?.features;
  if ((geo as { type?: unknown } | null)?.type !== 'FeatureCollection' || !Array.isArray(features)) {
    return { ok: false, problems: ['is not a GeoJSON FeatureCollection'] };
  }
  const unit = region.level === 'province' ? 'city' : 'county';
  const counties = new Map((region.cities ?? region.counties).map((c) => [c.adcode, c.name]));
  const seen = new Set<string>();
  const problems: string[] = [];
  const checked: Feature[] = [];
  for (const [index, feature] of (features as unknown[]).entries()) {
    const f = feature as { type?: unknown; properties?: Record<string, unknown> | null; geometry?: unknown } | null;
    const raw = f?.properties?.['adcode'];
    const adcode = typeof raw === 'number' || typeof raw === 'string' ? String(raw) : undefined;
    if (f?.type !== 'Feature' || !f.geometry || adcode === undefined) problems.push(`feature ${index} has no properties.adcode or no geometry`);
    else if (!counties.has(adcode)) problems.push(`${adcode} is not a ${unit} of region ${region.id}`);
    else if (seen.has(adcode)) problems.push(`${adcode} ${counties.get(adcode)} appears more than once`);
    else {
      seen.add(adcode);
      checked.push({ type: 'Feature', properties: { ...f.properties, adcode }, geometry: f.geometry });
    }
  }
  for (const [adcode, name] of counties) if (!seen.has(adcode)) problems.push(`${adcode} ${name} is missing`);
  if (problems.length > 0) {
    const more = problems.length > MAX_LISTED ? [`and ${problems.length - MAX_LISTED} more`] : [];
    return { ok: false, problems: [...problems.slice(0, MAX_LISTED), ...more] };
  }
  return { ok: true, map: { type: 'FeatureCollection', features: checked } };
}
