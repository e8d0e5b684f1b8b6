// A surge's baseline as the room reads it (issue 26): one decimal at most — 1.6, 2, 12.5.
export const formatBaseline = (baseline: number): string => String(Math.round(baseline * 10) / 10);
