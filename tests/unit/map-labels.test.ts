// The map's place labels, laid out over the wall's own ECharts projection of the bundled shapes
// (a server-side chart the size of the map panel at 1920×1080): no label covers another, and
// every place keeps its name — on the map, moved with a leader line, smaller, or listed beside it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { init, registerMap, type GeoJsonMap } from '../../client/charts/echarts';
import { labelPoints } from '../../client/charts/label-points';
import { layOutLabels, type Box, type LabelRequest } from '../../client/charts/map-label-layout';
import { mapOption } from '../../client/charts/options/map-option';
import type { PlaceFigures } from '../../shared/protocol/wall-state';

const PANEL = { width: 740, height: 700 };

function geo(name: string): GeoJsonMap & { features: { properties: { adcode: string; name: string } }[] } {
  return JSON.parse(readFileSync(new URL(`../../shared/region/geo/${name}.geojson`, import.meta.url), 'utf8'));
}

/** Lays out the labels of a map whose places have these figures. */
function layoutOf(name: string, figures: (i: number) => { warnings: number; active: number }) {
  const shapes = geo(name);
  registerMap(`labels-${name}`, shapes);
  const places: PlaceFigures[] = shapes.features.map((f, i) => ({
    adcode: f.properties.adcode,
    name: f.properties.name,
    warnings: figures(i).warnings,
    highRisk: 0,
    interceptedFen: 0,
    activeEscalations: figures(i).active,
    overdueEscalations: 0,
  }));
  const chart = init(null, undefined, { renderer: 'svg', ssr: true, ...PANEL });
  chart.setOption({ ...mapOption({ mapName: `labels-${name}`, places, scaleMax: 100 }), animation: false });
  const points = labelPoints(shapes);
  const requests: LabelRequest[] = places.map((p, i) => ({
    adcode: p.adcode,
    name: p.name,
    figures: `${p.warnings}  ${p.activeEscalations}`,
    anchor: chart.convertToPixel({ geoIndex: 0 }, [...points.get(p.adcode)!]) as unknown as [number, number],
    priority: i,
  }));
  chart.dispose();
  return { places, layout: layOutLabels(requests, PANEL.width, PANEL.height) };
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function expectReadable(name: string): ReturnType<typeof layoutOf>['layout'] {
  // Busy figures: four-digit warnings and two-digit open escalations make the widest labels.
  const { places, layout } = layoutOf(name, (i) => ({ warnings: 1_000 + i * 37, active: 10 + i }));
  const boxes = layout.placed.map((l) => l.box);
  for (let i = 0; i < boxes.length; i++) {
    expect(boxes[i]!.x).toBeGreaterThanOrEqual(0);
    expect(boxes[i]!.x + boxes[i]!.width).toBeLessThanOrEqual(PANEL.width);
    for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!), `${layout.placed[i]!.adcode}/${layout.placed[j]!.adcode}`).toBe(false);
  }
  expect([...layout.placed.map((l) => l.adcode), ...layout.unplaced].sort()).toEqual(places.map((p) => p.adcode).sort());
  return layout;
}

describe('map labels', () => {
  it('give each of Hangzhou’s 13 districts its name where the old town’s crowd, none covering another', () => {
    const layout = expectReadable('hangzhou');
    expect(layout.unplaced).toEqual([]);
    // The small urban districts cannot all sit on their own spot: some are moved, with a leader line.
    expect(layout.placed.some((l) => l.leader)).toBe(true);
  });

  it('label every city of the province and every county of Shaoxing', () => {
    expect(expectReadable('zhejiang').unplaced).toEqual([]);
    expect(expectReadable('shaoxing').unplaced).toEqual([]);
  });

  it('list a place beside the map when there is no room for it at all', () => {
    const crowd: LabelRequest[] = Array.from({ length: 40 }, (_, i) => ({ adcode: `p${i}`, name: '某某区', figures: '1,000  10', anchor: [50, 50], priority: 40 - i }));
    const layout = layOutLabels(crowd, 200, 150);
    expect(layout.placed.length).toBeGreaterThan(0);
    expect(layout.unplaced.length).toBe(40 - layout.placed.length);
    // The most urgent are placed first.
    expect(layout.placed[0]!.adcode).toBe('p0');
  });
});
