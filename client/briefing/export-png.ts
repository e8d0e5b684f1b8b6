// One click saves the briefing as it is on screen as a PNG, at the design size (charts are
// captured from their canvases). html-to-image draws the DOM through an SVG foreignObject.
import { toPng } from 'html-to-image';

export async function exportPng(element: HTMLElement, filename: string): Promise<void> {
  const dataUrl = await toPng(element, { pixelRatio: 1, backgroundColor: '#030c1a', cacheBust: false });
  const link = document.createElement('a');
  link.href = dataUrl;
  link.download = filename;
  link.click();
}
