// The canvas the wall is designed on: 1920×1080 (16:9), or 3840×1080 (32:9) for the wide LED
// walls common in control rooms, chosen from the screen's shape, or named with `?design=WxH`.
export interface DesignSize {
  readonly width: number;
  readonly height: number;
}

export const DEFAULT_DESIGN: DesignSize = { width: 1920, height: 1080 };
export const WIDE_DESIGN: DesignSize = { width: 3840, height: 1080 };

/** A canvas at least three times as wide as high gets the wide layout (a 32:9 wall is 3.6). */
export function isWide(design: DesignSize): boolean {
  return design.width / design.height >= 3;
}

/** `?design=WxH` when given; else the wide canvas on a screen of that shape, the 16:9 one on any other. */
export function designSizeFrom(search: string, screen?: { width: number; height: number }): DesignSize {
  const match = /^(\d{3,5})x(\d{3,5})$/.exec(new URLSearchParams(search).get('design') ?? '');
  if (match) {
    const width = Number(match[1]);
    const height = Number(match[2]);
    if (width >= 800 && height >= 600) return { width, height };
  }
  return screen && screen.height > 0 && isWide(screen) ? WIDE_DESIGN : DEFAULT_DESIGN;
}

/** The uniform scale that fits the design into the screen, letterboxed, never stretched. */
export function fitScale(design: DesignSize, screen: { width: number; height: number }): number {
  return Math.min(screen.width / design.width, screen.height / design.height);
}
