// The map's place labels, laid out by the wall's own ECharts build (rendered server-side to SVG):
// where small districts crowd, labels never overlap and the busier place keeps its label.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { init, registerMap, type GeoJsonMap } from '../../client/charts/echarts';
import { labelPoints } from '../../client/charts/label-points';
import { mapOption } from '../../client/charts/options/map-option';
import type { PlaceFigures } from '../../shared/protocol/wall-state';

/** A label is a name over a count: three characters of 22 px wide, two lines of 28 px high. */
const LABEL = { width: 66, height: 56 };

function geo(city: string): GeoJsonMap & { features: { properties: { adcode: string; name: string } }[] } {
  return JSON.parse(readFileSync(new URL(`../../shared/region/geo/${city}.geojson`, import.meta.url), 'utf8'));
}

/** The place names labelled on the map, with where each label is centred. */
function labelsOf(city: string, warnings: (name: string, i: number) => number): Map<string, [number, number]> {
  const shapes = geo(city);
  registerMap(`labels-${city}`, shapes);
  const places: PlaceFigures[] = shapes.features.map((f, i) => ({
    adcode: f.properties.adcode,
    name: f.properties.name,
    warnings: warnings(f.properties.name, i),
    highRisk: 0,
    interceptedFen: 0,
    activeEscalations: 0,
    overdueEscalations: 0,
  }));
  // The map panel's size on the 1920×1080 design canvas.
  const chart = init(null, undefined, { renderer: 'svg', ssr: true, width: 740, height: 760 });
  chart.setOption({ ...mapOption({ mapName: `labels-${city}`, places, labelPoints: labelPoints(shapes) }), animation: false });
  const svg = chart.renderToSVGString();
  chart.dispose();
  const names = new Set(places.map((p) => p.name));
  const labels = new Map<string, [number, number]>();
  for (const [, x, y, text] of svg.matchAll(/<text[^>]*transform="translate\(([\d.]+) ([\d.]+)\)"[^>]*>([^<]*)<\/text>/g)) {
    if (names.has(text!)) labels.set(text!, [Number(x), Number(y)]);
  }
  return labels;
}

function overlapping(labels: Map<string, [number, number]>): string[] {
  const found: string[] = [];
  const all = [...labels];
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++) {
      const [a, [ax, ay]] = all[i]!;
      const [b, [bx, by]] = all[j]!;
      if (Math.abs(ax - bx) < LABEL.width && Math.abs(ay - by) < LABEL.height) found.push(`${a}/${b}`);
    }
  return found;
}

describe('map labels', () => {
  it('never overlap where Hangzhou’s urban districts crowd: the busier keeps its label', () => {
    const busiest = '西湖区';
    const labels = labelsOf('hangzhou', (name, i) => (name === busiest ? 500 : 10 + i));
    expect(overlapping(labels)).toEqual([]);
    expect(labels.has(busiest)).toBe(true);
    // The large outer counties all keep theirs.
    for (const name of ['临安区', '淳安县', '建德市', '桐庐县', '富阳区']) expect(labels.has(name), name).toBe(true);
  });

  it('label every county of Shaoxing, where none crowd', () => {
    const labels = labelsOf('shaoxing', (_name, i) => 10 + i);
    expect([...labels.keys()].sort()).toEqual(['上虞区', '嵊州市', '新昌县', '柯桥区', '诸暨市', '越城区'].sort());
  });
});
