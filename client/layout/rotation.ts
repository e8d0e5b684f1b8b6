// `?rotate=live:120,briefing:30`: the wall alternates between views on a schedule.
export const VIEWS = ['live', 'briefing'] as const;
export type View = (typeof VIEWS)[number];

export interface RotationStep {
  readonly view: View;
  readonly seconds: number;
}

/** The schedule in the URL, or undefined when there is none (or it is not a valid one). */
export function rotationFrom(search: string): RotationStep[] | undefined {
  const text = new URLSearchParams(search).get('rotate');
  if (!text) return undefined;
  const steps: RotationStep[] = [];
  for (const part of text.split(',')) {
    const [view, seconds] = part.split(':');
    const n = Number(seconds);
    if (!VIEWS.includes(view as View) || !Number.isFinite(n) || n < 5 || n > 86_400) return undefined;
    steps.push({ view: view as View, seconds: n });
  }
  return steps.length > 0 ? steps : undefined;
}
