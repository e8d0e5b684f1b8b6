// The command-center palette and type sizes, shared by every chart and panel. Sizes are in
// design pixels of the 1920×1080 canvas: big enough to read from the back of the room.
export const COLORS = {
  background: '#030c1a',
  panel: '#071a33',
  border: '#1b4a7a',
  text: '#e6f0ff',
  muted: '#8fb3d9',
  accent: '#27d3ff',
  high: '#ff4d4f',
  medium: '#ffb020',
  low: '#36cfc9',
  good: '#52e08a',
  amber: '#ffb020',
  red: '#ff4d4f',
  yesterday: '#7f8fa6',
} as const;

export const FONT = {
  family: "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif",
  axis: 16,
  label: 18,
  legend: 18,
} as const;

export const axisText = { color: COLORS.muted, fontSize: FONT.axis, fontFamily: FONT.family };
