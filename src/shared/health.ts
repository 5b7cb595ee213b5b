// The `health` area (admin): how the kiosk is doing over weeks, on one screen — queries slower than they
// should be, how many videos came out, how fast the disk fills, how old the last backup is, and whether the
// database file is sound (a full integrity check weekly and on demand).
import { z } from 'zod';
import { ADMIN_ONLY, channel } from './define';
import type { StorageGrowth as DiskGrowth } from './storage';

/** A stored check counts as current for a week; the weekly schedule runs one when it is older. */
export const INTEGRITY_CHECK_EVERY_DAYS = 7;
/** A backup older than this is shown as a warning: backups are meant to run daily. */
export const BACKUP_OLD_HOURS = 48;
/** Fewer days of free disk than this at the current rate is shown as a warning. */
export const DAYS_LEFT_WARNING = 14;

export interface SlowQueryView {
  statement: string;
  durationMs: number;
  recordedAt: string;
}

export interface SlowQueryFigures {
  /** Statements slower than this are recorded. */
  thresholdMs: number;
  last7Days: number;
  /** The newest few, newest first. */
  recent: SlowQueryView[];
}

/** Export jobs that ended in a stretch of days: made, failed or stopped. */
export interface ExportRate {
  completed: number;
  failed: number;
  cancelled: number;
  /** completed / all that ended, 0..1; null when none ended. */
  rate: number | null;
}

export interface ExportFigures {
  last7Days: ExportRate;
  last30Days: ExportRate;
  /** Waiting or being made now. */
  inProgress: number;
}

/** The Storage screen's growth figures, with the free space they were counted from. */
export interface StorageGrowth extends DiskGrowth {
  freeBytes: number | null;
}

export type BackupAge =
  | { state: 'none' }
  | { state: 'recent' | 'old'; at: string; ageHours: number }
  /** The backup records could not be read. */
  | { state: 'unknown'; message: string };

export type IntegrityOutcome = 'ok' | 'damaged' | 'not-run';

export interface IntegrityCheckView {
  checkedAt: string;
  /** ok: sound; damaged: SQLite found problems; not-run: the check itself could not read the file. */
  outcome: IntegrityOutcome;
  /** SQLite's own words for what is wrong (a few lines), empty when ok. */
  problems: string[];
  durationMs: number;
  trigger: 'weekly' | 'admin';
}

export interface IntegrityStatus {
  last: IntegrityCheckView | null;
  running: boolean;
  /** When the weekly schedule runs the next check (now or past when one is due). */
  nextWeeklyAt: string;
}

export interface HealthOverview {
  generatedAt: string;
  slowQueries: SlowQueryFigures;
  exports: ExportFigures;
  storage: StorageGrowth;
  backup: BackupAge;
  integrity: IntegrityStatus;
  /** Problem reports nobody has resolved yet. */
  openProblems: number;
}

export const healthChannels = {
  'health.overview': channel<HealthOverview>()({
    summary:
      'Kiosk health for admins: slow queries, export completion, storage growth, backup age, the integrity check.',
    input: z.strictObject({}),
    access: ADMIN_ONLY,
    example: {},
  }),
  'health.checkIntegrity': channel<IntegrityStatus>()({
    summary:
      'Runs a full integrity check of the database now (or waits for the one running) and returns its result.',
    input: z.strictObject({}),
    access: ADMIN_ONLY,
    example: {},
  }),
};
