// What the health figures mean, in the words and colours of the health screen: each card's state (good or
// bad), its headline and, when something needs doing, what to do.
import {
  DAYS_LEFT_WARNING,
  type BackupAge,
  type ExportFigures,
  type IntegrityStatus,
  type StorageGrowth,
} from '../../shared/health';
import { formatBytes, formatDateTime, plural } from '../format';

export interface CardWords {
  state: 'good' | 'bad';
  headline: string;
  /** What to do, when something needs doing. */
  advice: string | null;
}

/** Fewer videos than this share of those that ended came out, some of them failed: worth a look. */
export const EXPORT_RATE_WARNING = 0.8;

/** 0.5 → "less than an hour ago", 5 → "5 hours ago", 72 → "3 days ago". */
export function ageInWords(hours: number): string {
  if (hours < 1) return 'less than an hour ago';
  if (hours < 48) return `${plural(Math.floor(hours), 'hour')} ago`;
  return `${plural(Math.floor(hours / 24), 'day')} ago`;
}

export const percent = (rate: number): string => `${Math.round(rate * 100)} %`;

export const RESTORE_ADVICE =
  'Restore the last backup from Settings → Backups, then run the check again. If there is no backup, save ' +
  'diagnostics and report a problem.';

export function integrityWords({ last }: IntegrityStatus): CardWords {
  if (!last) {
    return {
      state: 'good',
      headline: 'Not checked yet',
      advice: 'The weekly check runs by itself; tap “Check now” to run it at once.',
    };
  }
  const when = `${formatDateTime(last.checkedAt)}${last.trigger === 'weekly' ? ' (weekly check)' : ''}`;
  switch (last.outcome) {
    case 'ok':
      return { state: 'good', headline: 'Database sound', advice: null };
    case 'damaged':
      return {
        state: 'bad',
        headline: 'Database damaged',
        advice: `The check on ${when} found damage in the database file. ${RESTORE_ADVICE}`,
      };
    case 'not-run':
      return {
        state: 'bad',
        headline: 'Check could not run',
        advice:
          'The check could not read the database file. Restart the kiosk and check again; if it still cannot ' +
          'run, save diagnostics and report a problem.',
      };
  }
}

export function backupWords(age: BackupAge): CardWords {
  switch (age.state) {
    case 'none':
      return {
        state: 'bad',
        headline: 'No backup yet',
        advice: 'Plug in the backup drive and tap Back up now in Settings → Backups.',
      };
    case 'unknown':
      return { state: 'bad', headline: 'Not known', advice: age.message };
    case 'old':
      return {
        state: 'bad',
        headline: `Last backup ${ageInWords(age.ageHours)}`,
        advice:
          'Plug in the backup drive: the daily backup runs when it is there, or tap Back up now in Settings → Backups.',
      };
    case 'recent':
      return { state: 'good', headline: `Last backup ${ageInWords(age.ageHours)}`, advice: null };
  }
}

export function exportWords({ last7Days }: ExportFigures): CardWords {
  if (last7Days.rate === null) return { state: 'good', headline: 'None in 7 days', advice: null };
  // Videos the crew stopped count against the rate but are no fault: only failures make it a warning.
  const low = last7Days.failed > 0 && last7Days.rate < EXPORT_RATE_WARNING;
  return {
    state: low ? 'bad' : 'good',
    headline: `${percent(last7Days.rate)} made`,
    advice: low
      ? 'Several videos failed. Open a failed one in Edit to read why, or save diagnostics and report a problem.'
      : null,
  };
}

export function storageWords(growth: StorageGrowth): CardWords {
  if (growth.bytesPerDay === 0) return { state: 'good', headline: 'Nothing recorded lately', advice: null };
  const low = growth.daysLeft !== null && growth.daysLeft < DAYS_LEFT_WARNING;
  return {
    state: low ? 'bad' : 'good',
    headline: `${formatBytes(growth.bytesPerDay)} a day`,
    advice: low
      ? 'At this rate recording stops within two weeks, when free space reaches the floor it needs. Make sure backups run, then remove old footage on the Storage screen.'
      : null,
  };
}

/** "About 34 days", or why there is no figure. */
export function daysLeftWords(growth: StorageGrowth): string {
  if (growth.freeBytes === null) return 'Free space unknown';
  if (growth.daysLeft === null) return 'No figure: nothing recorded';
  return `About ${plural(growth.daysLeft, 'day')}`;
}
