// A Svelte action for one-line boxes whose figures can grow by orders of magnitude (a city's
// 2,300 warnings, a province's 10,000,000): when the text is wider than the box, its font is
// made just small enough to fit, never larger than the stylesheet's. It measures when its key
// (the figure the box will settle on) changes, not on every frame of a count-up.
import type { Action } from 'svelte/action';

/**
 * A key that changes when any figure in `figures` gains or loses a digit: a box's text only
 * needs fitting again then (a province's figures change four times a second; each fit forces
 * a layout).
 */
export function digitShape(figures: unknown): string {
  return JSON.stringify(figures, (_key, value: unknown) => (typeof value === 'number' ? String(Math.trunc(Math.abs(value))).length : value));
}

export const fitText: Action<HTMLElement, unknown> = (node) => {
  const fit = () => {
    node.style.fontSize = '';
    const available = node.clientWidth;
    const needed = node.scrollWidth;
    if (needed <= available || available === 0) return;
    const designed = parseFloat(getComputedStyle(node).fontSize);
    node.style.fontSize = `${Math.floor((designed * available) / needed)}px`;
  };
  // The action may run before the box's new text is in place (a title whose text is the key):
  // fit again on the next frame, when it is.
  let frame = 0;
  const refit = () => {
    fit();
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(fit);
  };
  refit();
  return { update: refit, destroy: () => cancelAnimationFrame(frame) };
};
