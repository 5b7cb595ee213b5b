// The health screen's arithmetic, as pure functions of plain rows: export completion over a stretch of days,
// storage recorded per kiosk-local day and what it means for the free disk, and how old the last backup is.
import {
  BACKUP_OLD_HOURS,
  GROWTH_DAYS,
  type BackupAge,
  type ExportRate,
  type StorageGrowth,
} from '../../shared/health';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface EndedExport {
  status: string;
}

/** Completed against failed and cancelled, of the jobs given (those that ended in the stretch). */
export function exportRate(ended: readonly EndedExport[]): ExportRate {
  const count = (status: string) => ended.filter((job) => job.status === status).length;
  const completed = count('completed');
  const failed = count('failed');
  const cancelled = count('cancelled');
  const all = completed + failed + cancelled;
  return { completed, failed, cancelled, rate: all === 0 ? null : completed / all };
}

/** The instant `days` days before `now`, as ISO text comparable with the tables' timestamps. */
export const daysBefore = (now: Date, days: number): string =>
  new Date(now.getTime() - days * DAY_MS).toISOString();

/** 'YYYY-MM-DD' on the kiosk's calendar for an instant, with the clock `offsetMinutes` east of UTC then. */
export function localDayOf(at: Date, offsetMinutes: number): string {
  return new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The start (as an instant) of the kiosk-local day `daysBack` days before today. */
export function growthWindowStart(now: Date, offsetMinutes: number, days = GROWTH_DAYS): string {
  const offsetMs = offsetMinutes * 60_000;
  const todayStart = Math.floor((now.getTime() + offsetMs) / DAY_MS) * DAY_MS - offsetMs;
  return new Date(todayStart - (days - 1) * DAY_MS).toISOString();
}

export interface RecordedFile {
  recorded_at: string;
  bytes: number;
}

/**
 * Bytes recorded per local day over the last `days` days (today last), and the average per day since the first
 * day that has any: a kiosk installed three days ago is not averaged over two weeks.
 */
export function storageGrowth(
  files: readonly RecordedFile[],
  now: Date,
  offsetAt: (at: Date) => number,
  freeBytes: number | null,
  days = GROWTH_DAYS,
): StorageGrowth {
  const offsetNow = offsetAt(now);
  const dayNames: string[] = [];
  for (let back = days - 1; back >= 0; back -= 1) {
    dayNames.push(localDayOf(new Date(now.getTime() - back * DAY_MS), offsetNow));
  }
  const totals = new Map(dayNames.map((day) => [day, 0]));
  for (const file of files) {
    const at = new Date(file.recorded_at);
    const day = localDayOf(at, offsetAt(at));
    const total = totals.get(day);
    if (total !== undefined) totals.set(day, total + file.bytes);
  }
  const perDay = dayNames.map((day) => ({ day, bytes: totals.get(day) ?? 0 }));
  const first = perDay.findIndex((entry) => entry.bytes > 0);
  const sum = perDay.reduce((all, entry) => all + entry.bytes, 0);
  const bytesPerDay = first === -1 ? 0 : Math.round(sum / (perDay.length - first));
  return {
    days: perDay,
    bytesPerDay,
    freeBytes,
    daysLeft: freeBytes !== null && bytesPerDay > 0 ? Math.floor(freeBytes / bytesPerDay) : null,
  };
}

/** How old the newest verified backup is, and whether that is older than backups are meant to be. */
export function backupAge(last: { at: string } | null, now: Date): BackupAge {
  if (!last) return { state: 'none' };
  if (Number.isNaN(Date.parse(last.at)))
    return { state: 'unknown', message: 'The time of the last backup could not be read.' };
  const ageHours = Math.max(0, (now.getTime() - Date.parse(last.at)) / HOUR_MS);
  return { state: ageHours > BACKUP_OLD_HOURS ? 'old' : 'recent', at: last.at, ageHours };
}
