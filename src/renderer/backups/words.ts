// How backups are said on screen: how old the last one is, how long one has left, what a phase means.
import type { BackupPhase, BackupRun, BackupRunProgress } from '../../shared/backups';
import { formatBytes, plural } from '../format';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** "just now", "5 hours ago", "yesterday", "3 days ago": the age the status strip and the screens show. */
export function backupAge(iso: string, now: Date): string {
  const ms = Math.max(0, now.getTime() - Date.parse(iso));
  if (ms < HOUR_MS) return 'just now';
  if (ms < DAY_MS) return `${plural(Math.floor(ms / HOUR_MS), 'hour')} ago`;
  const days = Math.floor(ms / DAY_MS);
  return days === 1 ? 'yesterday' : `${plural(days, 'day')} ago`;
}

/** A backup older than this is shown as a problem: the daily one has failed or nobody set one up. */
export const STALE_BACKUP_MS = 2 * DAY_MS;

export function isBackupStale(lastVerifiedAt: string | null, now: Date): boolean {
  return lastVerifiedAt === null || now.getTime() - Date.parse(lastVerifiedAt) > STALE_BACKUP_MS;
}

/** "about 3 minutes left", "less than a minute left", or '' while it cannot be told. */
export function timeLeft(etaSeconds: number | null): string {
  if (etaSeconds === null) return '';
  if (etaSeconds < 60) return 'less than a minute left';
  const minutes = Math.round(etaSeconds / 60);
  if (minutes < 90) return `about ${plural(minutes, 'minute')} left`;
  return `about ${plural(Math.round(minutes / 60), 'hour')} left`;
}

const PHASES: Record<BackupPhase, string> = {
  database: 'Copying the database (sales, flights, people)',
  files: 'Copying footage, videos and photos',
  verifying: 'Checking the copy',
  pruning: 'Removing the oldest backups',
  switching: 'Switching to the restored data',
};

/** One line: what it is doing, how far it is, how long is left. */
export function progressLine(progress: BackupRunProgress): string {
  const parts = [PHASES[progress.phase]];
  if (progress.bytesTotal > 0) {
    parts.push(`${formatBytes(progress.bytesDone)} of ${formatBytes(progress.bytesTotal)}`);
  }
  if (progress.filesTotal > 1) parts.push(`${progress.filesDone} of ${plural(progress.filesTotal, 'file')}`);
  const left = timeLeft(progress.etaSeconds);
  if (left) parts.push(left);
  return parts.join(' · ');
}

/** 0 to 1 for the progress bar: bytes when known, files otherwise. */
export function progressFraction(progress: BackupRunProgress): number {
  if (progress.bytesTotal > 0) return progress.bytesDone / progress.bytesTotal;
  if (progress.filesTotal > 0) return progress.filesDone / progress.filesTotal;
  return 0;
}

export const OUTCOME_LABELS: Record<BackupRun['outcome'], string> = {
  verified: 'Verified',
  failed: 'Failed',
  cancelled: 'Stopped',
  skipped: 'Did not run',
};

export const TRIGGER_LABELS: Record<BackupRun['trigger'], string> = {
  manual: 'by hand',
  daily: 'daily',
  'first-start': 'at first start',
  recovery: 'to recover a damaged database',
};
