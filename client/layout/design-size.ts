// The canvas the wall is designed on (1920×1080), or another one for wide tiled walls:
// `?design=3840x1080`.
export interface DesignSize {
  readonly width: number;
  readonly height: number;
}

export const DEFAULT_DESIGN: DesignSize = { width: 1920, height: 1080 };

export function designSizeFrom(search: string): DesignSize {
  const match = /^(\d{3,5})x(\d{3,5})$/.exec(new URLSearchParams(search).get('design') ?? '');
  if (!match) return DEFAULT_DESIGN;
  const width = Number(match[1]);
  const height = Number(match[2]);
  return width >= 800 && height >= 600 ? { width, height } : DEFAULT_DESIGN;
}

/** The uniform scale that fits the design into the screen, letterboxed, never stretched. */
export function fitScale(design: DesignSize, screen: { width: number; height: number }): number {
  return Math.min(screen.width / design.width, screen.height / design.height);
}
