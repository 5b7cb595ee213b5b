// The health screen's arithmetic, as pure functions of plain rows: export completion over a stretch of days and
// how old the last backup is. Storage growth is the Storage screen's own (src/main/storage/growth.ts).
import { BACKUP_OLD_HOURS, type BackupAge, type ExportRate } from '../../shared/health';

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

/** How old the newest verified backup is, and whether that is older than backups are meant to be. */
export function backupAge(last: { at: string } | null, now: Date): BackupAge {
  if (!last) return { state: 'none' };
  if (Number.isNaN(Date.parse(last.at)))
    return { state: 'unknown', message: 'The time of the last backup could not be read.' };
  const ageHours = Math.max(0, (now.getTime() - Date.parse(last.at)) / HOUR_MS);
  return { state: ageHours > BACKUP_OLD_HOURS ? 'old' : 'recent', at: last.at, ageHours };
}
