// Times on the wall, in the center's zone (FRAUDWALL_TZ) whatever zone the screen's PC is set to.

const formatters = new Map<string, Intl.DateTimeFormat>();

const OPTIONS: Record<'time' | 'date' | 'day', Intl.DateTimeFormatOptions> = {
  time: { hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' },
  date: { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' },
  day: { month: 'long', day: 'numeric' },
};

function formatter(timeZone: string, kind: keyof typeof OPTIONS): Intl.DateTimeFormat {
  const key = `${timeZone}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('zh-CN', { timeZone, ...OPTIONS[kind] });
    formatters.set(key, f);
  }
  return f;
}

/** 09:30:05 */
export function formatClock(ms: number, timeZone: string): string {
  return formatter(timeZone, 'time').format(ms);
}

/** 09:30:05 today, 11月26日 09:30:05 on another day: a history line that spans midnight says which day. */
export function formatStamp(ms: number, nowMs: number, timeZone: string): string {
  const day = formatter(timeZone, 'day');
  const clock = formatClock(ms, timeZone);
  return day.format(ms) === day.format(nowMs) ? clock : `${day.format(ms)} ${clock}`;
}

/** 2026年11月27日星期五 */
export function formatDate(ms: number, timeZone: string): string {
  return formatter(timeZone, 'date').format(ms);
}

/** 07:05, or 1:07:05 past an hour: how long an escalation has been open. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}
