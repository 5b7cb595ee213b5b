// Free space where footage is written: the first thing to know before a day of recording. With the database,
// also how fast the flights' files grow and how many days are left at that rate, and the warning level Home shows.
import { statfs } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { StorageStatus } from '../../shared/system';
import { daysLeftAt, readGrowthInput, storageGrowth } from '../storage/growth';

/** The floor below which recording is refused when the setting cannot be read (PRODUCT: 2 GB). */
export const LOW_DISK_BYTES = 2 * 1024 ** 3;

/** Home turns red this many days before recording would be refused, and amber this many. */
export const CRITICAL_DAYS_LEFT = 3;
export const WARNING_DAYS_LEFT = 14;

/** Pure: the level Home shows for this much free space, the floor and the days left. */
export function storageLevel(
  freeBytes: number | null,
  lowBytes: number,
  daysLeft: number | null,
): StorageStatus['level'] {
  if (freeBytes === null) return 'unknown';
  if (freeBytes < lowBytes || (daysLeft !== null && daysLeft < CRITICAL_DAYS_LEFT)) return 'critical';
  if (freeBytes < 2 * lowBytes || (daysLeft !== null && daysLeft < WARNING_DAYS_LEFT)) return 'warning';
  return 'ok';
}

export interface StorageStatusOptions {
  /** The open database: without it the growth is not known (null) and the level rests on free space alone. */
  db?: Kysely<Database> | null;
  now?: Date;
  utcOffsetMinutes?: number;
}

export async function readStorageStatus(
  dataDir: string,
  lowBytes = LOW_DISK_BYTES,
  options: StorageStatusOptions = {},
): Promise<StorageStatus> {
  let freeBytes: number | null = null;
  let totalBytes: number | null = null;
  try {
    const stats = await statfs(dataDir);
    freeBytes = stats.bavail * stats.bsize;
    totalBytes = stats.blocks * stats.bsize;
  } catch {
    // Unknown: Home says so and tells the crew to check the disk.
  }
  let growthBytesPerDay: number | null = null;
  if (options.db) {
    const now = options.now ?? new Date();
    const utcOffsetMinutes = options.utcOffsetMinutes ?? -now.getTimezoneOffset();
    try {
      const input = await readGrowthInput(options.db, now, utcOffsetMinutes);
      growthBytesPerDay = storageGrowth({ ...input, now, utcOffsetMinutes, freeBytes, lowBytes }).bytesPerDay;
    } catch {
      // A database that cannot answer leaves the growth unknown; the free space still counts.
    }
  }
  const daysLeft = growthBytesPerDay === null ? null : daysLeftAt(freeBytes, lowBytes, growthBytesPerDay);
  return {
    freeBytes,
    totalBytes,
    lowBytes,
    growthBytesPerDay,
    daysLeft,
    level: storageLevel(freeBytes, lowBytes, daysLeft),
  };
}
