// Calendar days, 10-minute buckets and local timestamps in one configured time zone
// (FRAUDWALL_TZ), whatever zone the machine itself runs in.

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
/** Zone offsets change at most on quarter hours, so one lookup serves a whole slot. */
const OFFSET_SLOT_MS = 15 * MS_PER_MINUTE;
const OFFSET_CACHE_LIMIT = 50_000;
export const BUCKET_MINUTES = 10;
export const BUCKETS_PER_DAY = (24 * 60) / BUCKET_MINUTES;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export class ZonedCalendar {
  readonly #parts: Intl.DateTimeFormat;
  readonly #offsetBySlot = new Map<number, number>();
  /** The day last asked for: nearly every event of a batch falls on it, and formatting a key is costly. */
  #lastDay = { key: '', startMs: 0, endMs: 0 };

  constructor(readonly timeZone: string) {
    this.#parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  /** Minutes to add to UTC to get local wall-clock time at `ms`. */
  offsetMinutes(ms: number): number {
    const slot = Math.floor(ms / OFFSET_SLOT_MS);
    let offset = this.#offsetBySlot.get(slot);
    if (offset === undefined) {
      offset = this.#computeOffsetMinutes(slot * OFFSET_SLOT_MS);
      if (this.#offsetBySlot.size >= OFFSET_CACHE_LIMIT) this.#offsetBySlot.clear();
      this.#offsetBySlot.set(slot, offset);
    }
    return offset;
  }

  /** 'YYYY-MM-DD' of the local calendar day containing `ms`. */
  dayKey(ms: number): string {
    const last = this.#lastDay;
    if (ms >= last.startMs && ms < last.endMs) return last.key;
    const key = new Date(ms + this.offsetMinutes(ms) * MS_PER_MINUTE).toISOString().slice(0, 10);
    this.#lastDay = { key, startMs: this.startOfDay(key), endMs: this.startOfDay(addDays(key, 1)) };
    return key;
  }

  /** Index 0…143 of the local 10-minute bucket containing `ms`. */
  bucketOf(ms: number): number {
    const local = ms + this.offsetMinutes(ms) * MS_PER_MINUTE;
    const minuteOfDay = Math.floor((((local % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_MINUTE);
    return Math.floor(minuteOfDay / BUCKET_MINUTES);
  }

  /** UTC milliseconds of local midnight starting `dayKey`. */
  startOfDay(dayKey: string): number {
    const naive = Date.parse(`${dayKey}T00:00:00Z`);
    // Two rounds settle the offset even when midnight sits next to a DST change.
    let guess = naive - this.offsetMinutes(naive) * MS_PER_MINUTE;
    guess = naive - this.offsetMinutes(guess) * MS_PER_MINUTE;
    return guess;
  }

  /** '2026-11-27T09:30:01.250+08:00': local time with its offset, as the contract shows times. */
  isoWithOffset(ms: number): string {
    const offset = this.offsetMinutes(ms);
    const local = new Date(ms + offset * MS_PER_MINUTE).toISOString().slice(0, 23);
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  }

  #computeOffsetMinutes(ms: number): number {
    const parts = this.#parts.formatToParts(ms);
    const value = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
    const asUtc = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second'));
    return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MS_PER_MINUTE);
  }
}

/** Calendar arithmetic on day keys ('2026-11-27' + 1 → '2026-11-28'); zone-free. */
export function addDays(dayKey: string, days: number): string {
  return new Date(Date.parse(`${dayKey}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A real calendar date written YYYY-MM-DD. */
export function isDayKey(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  // Month 13 or day 32 make no date at all (an invalid Date, whose toISOString throws).
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The same date `years` away; 29 February becomes 28 February in a common year. */
export function addYears(dayKey: string, years: number): string {
  const year = Number(dayKey.slice(0, 4)) + years;
  const candidate = `${String(year).padStart(4, '0')}${dayKey.slice(4)}`;
  return isDayKey(candidate) ? candidate : `${String(year).padStart(4, '0')}-02-28`;
}

/** The calendar every request is held to: loops over days and months never leave it. */
export const EARLIEST_DAY = '2000-01-01';
export const LATEST_DAY = '2100-12-31';

/** A day key inside EARLIEST_DAY…LATEST_DAY. */
export function isDayInRange(value: string): boolean {
  return isDayKey(value) && value >= EARLIEST_DAY && value <= LATEST_DAY;
}

/** Days from `from` to `to`, both counted ('2026-01-01'…'2026-01-01' is 1); no loop. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY) + 1;
}

/** The longest run of days a loop below walks: whatever a caller passes, the work is bounded. */
const MAX_SPAN_DAYS = 36_600;

function assertBounded(from: string, to: string): void {
  if (!isDayKey(from) || !isDayKey(to) || daysInclusive(from, to) > MAX_SPAN_DAYS) {
    throw new RangeError(`expected two dates at most ${MAX_SPAN_DAYS} days apart (got ${from}…${to})`);
  }
}

/** Every day key from `from` to `to`, inclusive. */
export function eachDay(from: string, to: string): string[] {
  assertBounded(from, to);
  // Counted, not compared: past 9999-12-31 a day key no longer sorts after the one before.
  return Array.from({ length: Math.max(0, daysInclusive(from, to)) }, (_, i) => addDays(from, i));
}

/** Every month key (YYYY-MM) that the days `from`…`to` touch. */
export function eachMonth(from: string, to: string): string[] {
  assertBounded(from, to);
  const monthIndex = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
  const first = monthIndex(from);
  return Array.from({ length: Math.max(0, monthIndex(to) - first + 1) }, (_, i) => {
    const index = first + i;
    return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}
