// How fast the kiosk's files grow and how long the disk lasts at that rate: bytes recorded per calendar day on
// the kiosk's clock over the last 14 days (from storage_usage.recorded_at), their average, and the days until free
// space falls to the floor recording needs. The math is pure; one query reads what it needs.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { StorageGrowth } from '../../shared/storage';

export const GROWTH_DAYS = 14;
const DAY_MS = 24 * 60 * 60_000;

export interface GrowthInput {
  /** Files recorded since the start of the first day of the window. */
  recorded: ReadonlyArray<{ at: string; bytes: number }>;
  /** The oldest storage row of all, so a kiosk a few days old is not averaged over 14 days; null for none. */
  firstRecordedAt: string | null;
  now: Date;
  utcOffsetMinutes: number;
  freeBytes: number | null;
  /** Recording is refused below this: the days left are counted down to it, not to an empty disk. */
  lowBytes: number;
}

/** 'YYYY-MM-DD' of a moment on a clock `utcOffsetMinutes` east of UTC. */
export function dayOf(at: Date | string, utcOffsetMinutes: number): string {
  const time = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(time + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The first instant of the window: local midnight GROWTH_DAYS - 1 days before today. */
export function growthWindowStart(now: Date, utcOffsetMinutes: number): Date {
  const offsetMs = utcOffsetMinutes * 60_000;
  const todayStart = Math.floor((now.getTime() + offsetMs) / DAY_MS) * DAY_MS - offsetMs;
  return new Date(todayStart - (GROWTH_DAYS - 1) * DAY_MS);
}

export function storageGrowth(input: GrowthInput): StorageGrowth {
  const { now, utcOffsetMinutes } = input;
  const start = growthWindowStart(now, utcOffsetMinutes);
  const days = Array.from({ length: GROWTH_DAYS }, (_, i) => ({
    day: dayOf(new Date(start.getTime() + i * DAY_MS + DAY_MS / 2), utcOffsetMinutes),
    bytes: 0,
  }));
  const index = new Map(days.map((entry, i) => [entry.day, i]));
  let total = 0;
  for (const file of input.recorded) {
    const i = index.get(dayOf(file.at, utcOffsetMinutes));
    if (i === undefined) continue;
    days[i]!.bytes += file.bytes;
    total += file.bytes;
  }
  // Averaged over the days the kiosk has been recording within the window, today included.
  const first = input.firstRecordedAt ? dayOf(input.firstRecordedAt, utcOffsetMinutes) : null;
  const firstIndex = first === null ? GROWTH_DAYS - 1 : first <= days[0]!.day ? 0 : (index.get(first) ?? 0);
  const spanDays = GROWTH_DAYS - firstIndex;
  const bytesPerDay = total / spanDays;
  return { days, bytesPerDay, daysLeft: daysLeftAt(input.freeBytes, input.lowBytes, bytesPerDay) };
}

/** Whole days until `freeBytes` falls to `lowBytes` at `bytesPerDay`; 0 when it already has; null if unknown. */
export function daysLeftAt(freeBytes: number | null, lowBytes: number, bytesPerDay: number): number | null {
  if (freeBytes === null || bytesPerDay <= 0) return null;
  return Math.max(0, Math.floor((freeBytes - lowBytes) / bytesPerDay));
}

/** Reads what storageGrowth needs from storage_usage. */
export async function readGrowthInput(
  db: Kysely<Database>,
  now: Date,
  utcOffsetMinutes: number,
): Promise<Pick<GrowthInput, 'recorded' | 'firstRecordedAt'>> {
  const since = growthWindowStart(now, utcOffsetMinutes).toISOString();
  const [recorded, first] = await Promise.all([
    db
      .selectFrom('storage_usage')
      .select(['recorded_at as at', 'bytes'])
      .where('recorded_at', '>=', since)
      .execute(),
    db
      .selectFrom('storage_usage')
      .select((eb) => eb.fn.min('recorded_at').as('first'))
      .executeTakeFirst(),
  ]);
  return { recorded, firstRecordedAt: first?.first ?? null };
}
