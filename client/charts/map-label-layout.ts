// Where each place's label goes on the map, so that no label covers another and every place keeps
// its name. The most urgent places are placed first (overdue, then open escalations, then
// warnings), each at its shape's label point if that is free, else at the nearest free spot
// around it (drawn with a leader line), else in a smaller size; a place that still finds no room
// is listed beside the map instead (`unplaced`). Pure: sizes are estimated from the text, so the
// layout is known before anything is drawn.

export interface LabelRequest {
  readonly adcode: string;
  /** The label's lines: the name, then the figures. */
  readonly name: string;
  readonly figures: string;
  /** Where the place is, in pixels. */
  readonly anchor: readonly [number, number];
  /** Higher goes first. */
  readonly priority: number;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlacedLabel {
  readonly adcode: string;
  /** Top-left, in pixels. */
  readonly box: Box;
  readonly size: 'full' | 'small';
  /** Moved off its anchor: draw a line from the anchor to the label. */
  readonly leader: boolean;
}

export interface LabelLayout {
  readonly placed: PlacedLabel[];
  /** Places with no room on the map: named in a list beside it. */
  readonly unplaced: string[];
}

export const LABEL_FONT = { full: 22, small: 16 } as const;
/** Space kept around every label, so neighbours never touch. */
const GAP = 3;
/** How far from its anchor a label may move, in steps of a third of its height. */
const RINGS = 6;

/** A line's width: CJK characters a full em, digits and Latin about 0.6 em, with the label's padding. */
export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const char of text) ems += /[\u2E80-\uFFEF]/.test(char) ? 1 : 0.62;
  return Math.ceil(ems * fontSize) + 12;
}

function sizeOf(request: LabelRequest, size: 'full' | 'small'): { width: number; height: number } {
  const font = LABEL_FONT[size];
  return {
    width: Math.max(textWidth(request.name, font), textWidth(request.figures, font)),
    height: Math.ceil(font * 1.25) * 2 + 4,
  };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width + GAP && b.x < a.x + a.width + GAP && a.y < b.y + b.height + GAP && b.y < a.y + a.height + GAP;
}

function inside(box: Box, width: number, height: number): boolean {
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
}

/** Candidate centres: the anchor, then rings around it, nearest first. */
function candidates(anchor: readonly [number, number], step: number): [number, number, boolean][] {
  const out: [number, number, boolean][] = [[anchor[0], anchor[1], false]];
  for (let ring = 1; ring <= RINGS; ring++) {
    const r = ring * step;
    for (let k = 0; k < 8 + ring * 4; k++) {
      const angle = (2 * Math.PI * k) / (8 + ring * 4);
      out.push([anchor[0] + r * 1.8 * Math.cos(angle), anchor[1] + r * Math.sin(angle), true]);
    }
  }
  return out;
}

export function layOutLabels(requests: readonly LabelRequest[], width: number, height: number): LabelLayout {
  const placed: PlacedLabel[] = [];
  const unplaced: string[] = [];
  const ordered = [...requests].sort((a, b) => b.priority - a.priority || a.adcode.localeCompare(b.adcode));
  for (const request of ordered) {
    let found: PlacedLabel | undefined;
    for (const size of ['full', 'small'] as const) {
      const { width: w, height: h } = sizeOf(request, size);
      for (const [cx, cy, moved] of candidates(request.anchor, h / 3)) {
        const box = { x: Math.round(cx - w / 2), y: Math.round(cy - h / 2), width: w, height: h };
        if (inside(box, width, height) && !placed.some((other) => overlaps(box, other.box))) {
          found = { adcode: request.adcode, box, size, leader: moved };
          break;
        }
      }
      if (found) break;
    }
    if (found) placed.push(found);
    else unplaced.push(request.adcode);
  }
  return { placed, unplaced };
}
