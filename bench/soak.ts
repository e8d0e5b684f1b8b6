// npm run soak [-- --minutes N] [-- --json]: the wall in headless Chromium while the simulator
// runs a day (midnight included) in N minutes of real time (default 15), and half a day more.
// It samples, after a forced GC, the JS heap, DOM nodes, event listeners and the time spent in
// script, style and layout per second, and compares the last quarter day with the same hours a
// day earlier (after a quarter-day warm-up): the wall's work follows the day's rhythm, so only
// a comparison at the same time of day shows a trend. Any upward trend fails the soak.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { createApp } from '../server/app/app';
import { readConfig } from '../server/config';
import { buildClient, launchBrowser } from '../tests/support/browser';

export interface SoakSample {
  readonly atSeconds: number;
  /** Simulated days since the start (1.1 = 10 % into the second day). */
  readonly day: number;
  readonly heapMb: number;
  readonly nodes: number;
  /**
   * Of those, the ones that follow the data, not the page: the escalation board's (how many are
   * open), and the map's pins and ripples (which places have open escalations, fresh alarms).
   */
  readonly dataNodes: number;
  /**
   * Where the nodes are, so a failure can say what grew: each of the wall's regions (its
   * children, and the grid's panels), and `detached` — nodes alive after the collector ran but
   * in no document, which only something still holding them keeps (a leak, not content).
   */
  readonly regions: Record<string, number>;
  readonly listeners: number;
  /** Milliseconds of script + style + layout per second of wall time since the last sample. */
  readonly renderMsPerSecond: number;
}

export interface SoakResult {
  readonly minutes: number;
  readonly simulatedHours: number;
  readonly samples: SoakSample[];
  readonly heapGrowthPct: number;
  /** In the document, outside the board, pins and ripples. */
  readonly nodesGrowth: number;
  /** Alive after the collector ran, in no document: what only a leak keeps. */
  readonly detachedGrowth: number;
  readonly listenersGrowth: number;
  readonly renderRatio: number;
  readonly failures: string[];
}

/** In simulated days: skip the first quarter, then compare [0.25, 0.5) with [1.25, 1.5). */
const WARM_UP_DAYS = 0.25;
const WINDOW_DAYS = 0.25;
const RUN_DAYS = 1 + WARM_UP_DAYS + WINDOW_DAYS;

export async function runSoak({ minutes, samplesPerDay = 32 }: { minutes: number; samplesPerDay?: number }): Promise<SoakResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fraudwall-soak-'));
  // The whole server runs on an accelerated clock, so a day — midnight included — passes in `minutes`.
  const speed = (24 * 60) / minutes;
  const realStart = Date.now();
  const clock = { now: () => realStart + (Date.now() - realStart) * speed, rate: speed };
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    FRAUDWALL_DATA_DIR: dataDir,
    FRAUDWALL_SIMULATE: '1',
    FRAUDWALL_SIMULATE_HISTORY_DAYS: '0',
  });
  const app = await createApp({ config, clock, logger: pino({ level: 'silent' }), clientDir: await buildClient() });
  const port = await app.listen();
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.locator('[data-kpi="warnings"]').waitFor({ timeout: 20_000 });
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Performance.enable');

    const samples: SoakSample[] = [];
    let last = { at: Date.now(), busy: 0 };
    const intervalMs = (minutes * 60_000) / samplesPerDay;
    const simulatedDays = () => ((Date.now() - realStart) * speed) / 86_400_000;
    while (simulatedDays() < RUN_DAYS) {
      await new Promise((r) => setTimeout(r, intervalMs));
      // Twice: a detached node goes in the second collection after its script wrapper went in the
      // first, and one collection left a varying few hundred of them to count as the page's.
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
      const busy = (metric('ScriptDuration') + metric('LayoutDuration') + metric('RecalcStyleDuration')) * 1000;
      const now = Date.now();
      samples.push({
        atSeconds: Math.round((now - realStart) / 1000),
        day: Number((((now - realStart) * speed) / 86_400_000).toFixed(3)),
        heapMb: Number((metric('JSHeapUsedSize') / 1_048_576).toFixed(2)),
        nodes: metric('Nodes'),
        // No named helper inside: tsx would wrap it in a `__name` the page does not have.
        ...(await page.evaluate(() => {
          const roots: [string, Node][] = [['document', document]];
          for (const root of document.querySelectorAll('[data-testid="escalation-board"], [data-map-pin], [data-ripple]')) roots.push(['data', root]);
          for (const region of document.querySelectorAll('.wall > *, .grid > *')) {
            roots.push([`${region.tagName.toLowerCase()}.${[...region.classList].filter((c) => !c.startsWith('svelte-')).join('.')}`, region]);
          }
          const regions: Record<string, number> = {};
          for (const [name, root] of roots) {
            const walker = document.createTreeWalker(root);
            let count = 1;
            while (walker.nextNode()) count++;
            regions[name] = (regions[name] ?? 0) + count;
          }
          const { data: dataNodes = 0, ...rest } = regions;
          return { dataNodes, regions: rest };
        })),
        listeners: metric('JSEventListeners'),
        renderMsPerSecond: Number(((busy - last.busy) / ((now - last.at) / 1000)).toFixed(1)),
      });
      last = { at: now, busy };
    }
    return judge(minutes, (Date.now() - realStart) * speed, samples);
  } finally {
    await browser.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** The regions whose median size moved between the two windows, largest first, `detached` among them. */
function regionGrowth(start: SoakSample[], end: SoakSample[]): string {
  const withDetached = (s: SoakSample): Record<string, number> => ({ ...s.regions, detached: s.nodes - (s.regions.document ?? 0) });
  const names = new Set([...start, ...end].flatMap((s) => Object.keys(withDetached(s))));
  const moved = [...names]
    .map((name) => ({ name, growth: median(end.map((s) => withDetached(s)[name] ?? 0)) - median(start.map((s) => withDetached(s)[name] ?? 0)) }))
    .filter((r) => r.growth !== 0)
    .sort((a, b) => Math.abs(b.growth) - Math.abs(a.growth));
  return moved.map((r) => `${r.name} ${r.growth > 0 ? '+' : ''}${r.growth}`).join(', ') || 'no region moved';
}

/** Compares the last quarter day with the same hours a day earlier, on medians so one busy sample cannot decide. */
export function judge(minutes: number, simulatedMs: number, samples: SoakSample[]): SoakResult {
  const start = samples.filter((s) => s.day >= WARM_UP_DAYS && s.day < WARM_UP_DAYS + WINDOW_DAYS);
  const end = samples.filter((s) => s.day >= 1 + WARM_UP_DAYS);
  const at = (part: SoakSample[], key: Exclude<keyof SoakSample, 'day' | 'atSeconds' | 'regions'>) => median(part.map((s) => s[key]));
  const heapGrowthPct = Number((((at(end, 'heapMb') - at(start, 'heapMb')) / at(start, 'heapMb')) * 100).toFixed(1));
  // The page's own nodes: the board's, pins and ripples come and go with the simulated hour's data.
  const pageNodes = (part: SoakSample[]) => median(part.map((s) => (s.regions.document ?? 0) - s.dataNodes));
  const nodesGrowth = pageNodes(end) - pageNodes(start);
  const detached = (part: SoakSample[]) => median(part.map((s) => s.nodes - (s.regions.document ?? 0)));
  const detachedGrowth = detached(end) - detached(start);
  const listenersGrowth = at(end, 'listeners') - at(start, 'listeners');
  const renderRatio = Number((at(end, 'renderMsPerSecond') / Math.max(1, at(start, 'renderMsPerSecond'))).toFixed(2));
  const failures: string[] = [];
  // Like the DOM: a trend, not a wobble. 10 %, or 2 MB on a small heap — the limit was set when
  // the wall's heap was about 17 MB; today's maps are lighter (about 10 MB), and the first
  // simulated day's caches (about 1 MB) must not pass for a leak.
  const heapGrowthMb = at(end, 'heapMb') - at(start, 'heapMb');
  if (heapGrowthMb > Math.max(2, at(start, 'heapMb') * 0.1)) {
    failures.push(`JS heap grew ${heapGrowthPct} % (${heapGrowthMb.toFixed(1)} MB) after warm-up (limit 10 %, at least 2 MB)`);
  }
  // The rest of the DOM breathes a little with the data too (ticker, map): a few percent, not a trend.
  if (nodesGrowth > Math.max(50, pageNodes(start) * 0.05)) {
    failures.push(`DOM nodes outside the board, pins and ripples grew by ${nodesGrowth} (${regionGrowth(start, end)})`);
  }
  // Nodes out of the document that the collector cannot free are a leak whatever their number;
  // the limit only absorbs the few a closing transition still holds at the moment of a sample.
  if (detachedGrowth > 50) failures.push(`detached DOM nodes grew by ${detachedGrowth} (${regionGrowth(start, end)})`);
  if (listenersGrowth > Math.max(10, at(start, 'listeners') * 0.05)) failures.push(`event listeners grew by ${listenersGrowth}`);
  if (renderRatio > 1.2) failures.push(`render time per second at the end is ${renderRatio}× the start (limit 1.2×)`);
  return {
    minutes,
    simulatedHours: Number((simulatedMs / 3_600_000).toFixed(1)),
    samples,
    heapGrowthPct,
    nodesGrowth,
    detachedGrowth,
    listenersGrowth,
    renderRatio,
    failures,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const index = process.argv.indexOf('--minutes');
  const minutes = index > 0 ? Number(process.argv[index + 1]) : 15;
  const result = await runSoak({ minutes });
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stdout.write(`soak: ${result.minutes} min real = ${result.simulatedHours} h simulated\n`);
    process.stdout.write('  t/s    day   heap MB   nodes  (data)   listeners   render ms/s\n');
    for (const s of result.samples) {
      process.stdout.write(`${String(s.atSeconds).padStart(5)} ${s.day.toFixed(2).padStart(6)} ${String(s.heapMb).padStart(9)} ${String(s.nodes).padStart(7)} ${`(${s.dataNodes})`.padStart(7)} ${String(s.listeners).padStart(11)} ${String(s.renderMsPerSecond).padStart(13)}\n`);
    }
    process.stdout.write(
      `same hours one day later: heap ${result.heapGrowthPct} %, nodes ${result.nodesGrowth}, detached ${result.detachedGrowth}, listeners ${result.listenersGrowth}, render ×${result.renderRatio}\n`,
    );
    process.stdout.write(result.failures.length === 0 ? 'soak: PASS\n' : `soak: FAIL\n  ${result.failures.join('\n  ')}\n`);
  }
  process.exit(result.failures.length === 0 ? 0 : 1);
}
