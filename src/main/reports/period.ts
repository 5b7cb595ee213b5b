// Local calendar time for the report: which UTC instants a range of local days covers, and on which local
// day, hour and weekday an instant falls. The kiosk's offset is asked per instant, so a range across a
// daylight-saving change still puts every sale in the hour the crew's clock showed.

const DAY_MS = 86_400_000;

export type OffsetAt = (at: Date) => number;

export interface LocalParts {
  /** 'YYYY-MM-DD' */
  day: string;
  hour: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
}

const dayMs = (day: string) => Date.parse(`${day}T00:00:00.000Z`);
const formatDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  return formatDay(dayMs(day) + days * DAY_MS);
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let ms = dayMs(from); ms <= dayMs(to); ms += DAY_MS) days.push(formatDay(ms));
  return days;
}

/**
 * The UTC instant of a local midnight. The offset is asked at a first guess and again at the instant found,
 * so a midnight just after a daylight-saving change uses the offset valid then.
 */
export function localMidnightUtc(day: string, offsetAt: OffsetAt): string {
  const wall = dayMs(day);
  const guess = wall - offsetAt(new Date(wall)) * 60_000;
  return new Date(wall - offsetAt(new Date(guess)) * 60_000).toISOString();
}

/** [start, end) in UTC of the local days from `from` to `to` inclusive. */
export function rangeBounds(from: string, to: string, offsetAt: OffsetAt): { start: string; end: string } {
  return { start: localMidnightUtc(from, offsetAt), end: localMidnightUtc(addDays(to, 1), offsetAt) };
}

const offsetMs = (offsetAt: OffsetAt, ms: number) => offsetAt(new Date(ms)) * 60_000;

/**
 * A converter from the database's UTC timestamps ('2026-12-01T08:05:00.000Z') to local day, hour and weekday.
 * Offsets are whole quarter hours and change only on quarter hours, so every instant of one UTC quarter hour
 * has the same local day, hour and weekday: each quarter hour is worked out once and shared, which keeps a
 * 90-day report's thousands of timestamps from each making dates and strings.
 */
export function localClock(offsetAt: OffsetAt): (iso: string) => LocalParts {
  const quarters = new Map<string, LocalParts>();
  return (iso) => {
    const key = iso.slice(0, 14) + Math.floor(Number(iso.slice(14, 16)) / 15);
    let parts = quarters.get(key);
    if (!parts) {
      const ms = Date.parse(iso);
      const local = new Date(ms + offsetMs(offsetAt, ms));
      parts = {
        day: local.toISOString().slice(0, 10),
        hour: local.getUTCHours(),
        weekday: ((local.getUTCDay() + 6) % 7) + 1,
      };
      quarters.set(key, parts);
    }
    return parts;
  };
}

/** 'YYYY-MM-DD HH:MM' on the kiosk's clock, for CSV files. */
export function localMinute(iso: string, offsetAt: OffsetAt): string {
  const ms = Date.parse(iso);
  const stamp = new Date(ms + offsetMs(offsetAt, ms)).toISOString();
  return `${stamp.slice(0, 10)} ${stamp.slice(11, 16)}`;
}

/** The ISO week of a day: its Monday and its name ('2026-W49'; the week's year is its Thursday's). */
export function isoWeekOf(day: string): { week: string; monday: string } {
  const ms = dayMs(day);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0
  const monday = ms - weekday * DAY_MS;
  const thursday = new Date(monday + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = Date.UTC(year, 0, 1 + ((4 - new Date(Date.UTC(year, 0, 1)).getUTCDay() + 7) % 7));
  const number = Math.round((thursday.getTime() - firstThursday) / (7 * DAY_MS)) + 1;
  return { week: `${year}-W${String(number).padStart(2, '0')}`, monday: formatDay(monday) };
}
