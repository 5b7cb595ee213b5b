// The `backups` area: copies of the kiosk's data folder on a USB drive or another folder, made by hand or daily,
// and restoring one. Admins do all of it from Settings → Backups. Two moments have nobody who can sign in: the
// first start (no admin yet) and a damaged database; then the recovery channels let the screen list and restore
// backups (at a damaged kiosk, only from the kiosk machine itself).
import { z } from 'zod';
import { ADMIN_ONLY, channel, event } from './define';

/** The folder on a target that holds the generations, so a drive can carry other files beside them. */
export const BACKUP_FOLDER_NAME = 'MagnumStream-backups';
/** How many backups a target keeps unless the admin says otherwise. */
export const DEFAULT_KEEP_GENERATIONS = 7;
export const MAX_KEEP_GENERATIONS = 60;
/** How many runs backup.json remembers. */
export const HISTORY_LENGTH = 20;

export type BackupPhase = 'database' | 'files' | 'verifying' | 'pruning' | 'switching';

/** What a screen shows of a backup or restore while it runs and once it has ended. */
export interface BackupRunProgress {
  runId: string;
  kind: 'backup' | 'restore';
  state: 'running' | 'done' | 'failed' | 'cancelled';
  phase: BackupPhase;
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
  /** Seconds left, from the pace so far; null until it can be told. */
  etaSeconds: number | null;
  /** The backup's folder (`<target>/MagnumStream-backups`). */
  root: string;
  /** Once ended: what happened, in words for the screen (what went wrong and what to do, when it failed). */
  message: string | null;
}

/** One run in backup.json's history, newest first in the list. */
export interface BackupRun {
  id: string;
  kind: 'backup' | 'restore';
  /** Who started it: an admin's tap, the daily time, or a restore without sign-in (first start, recovery). */
  trigger: 'manual' | 'daily' | 'first-start' | 'recovery';
  startedAt: string;
  finishedAt: string;
  outcome: 'verified' | 'failed' | 'cancelled' | 'skipped';
  root: string;
  /** The generation written (backup) or restored from (restore). */
  generation: string | null;
  /** When that generation was made. */
  generationCreatedAt: string | null;
  filesCopied: number;
  bytesCopied: number;
  filesTotal: number;
  bytesTotal: number;
  message: string | null;
}

export interface BackupSettings {
  /** The folder or drive backups go to; the generations are in `<target>/MagnumStream-backups`. */
  target: string | null;
  /** The daily backup's time, kiosk time ('22:30'); null: no daily backup. */
  dailyAt: string | null;
  keepGenerations: number;
}

/** A complete backup on a target (the engine's GenerationInfo). */
export interface BackupGeneration {
  name: string;
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  files: number;
  bytes: number;
  flights: number;
  sales: number;
}

/** A place to back up to or restore from: a removable drive, or the folder the settings name. */
export interface BackupPlace {
  dir: string;
  label: string;
  kind: 'drive' | 'saved';
  /** Whether a backup folder (MagnumStream-backups) is there. */
  hasBackups: boolean;
  freeBytes: number | null;
}

export interface BackupsStatus {
  settings: BackupSettings;
  /** Whether the target is plugged in / reachable now. */
  targetPresent: boolean;
  /** The next daily backup, or null when none is set. */
  nextDailyAt: string | null;
  running: BackupRunProgress | null;
  history: BackupRun[];
  places: BackupPlace[];
  dataDir: string;
}

/** Why the screen may restore without anyone signed in, or what it must show instead. */
export interface RecoveryOptions {
  reason: 'first-start' | 'damaged-database';
  places: BackupPlace[];
  /** The last backup that was verified, from backup.json: offered first on the recovery screen. */
  lastBackup: { at: string; root: string; generation: string } | null;
  running: BackupRunProgress | null;
}

export interface RestoreStarted {
  runId: string;
}

/** Any folder a person types: where it must be (absolute, existing, outside the data folder) is checked by main. */
export const folderSchema = z
  .string()
  .trim()
  .min(1, 'Choose a drive or type a folder.')
  .max(1_000, 'That folder name is too long.')
  // eslint-disable-next-line no-control-regex
  .refine((text) => !/[\u0000-\u001f]/.test(text), 'A folder name has no control characters.');

/** The engine names generations by their time; nothing else ever reaches the file system from here. */
export const generationSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'That is not the name of a backup.')
  .refine((name) => !name.includes('..'), 'That is not the name of a backup.');

export const dailyTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 22:30.');

const EXAMPLE_FOLDER = '/media/kiosk/BACKUP';
const EXAMPLE_GENERATION = '2025-06-01T22-30-00-000Z';

export const backupsChannels = {
  'backups.status': channel<BackupsStatus>()({
    summary: 'The backup settings, the drives plugged in, a backup running now and the last runs.',
    input: z.strictObject({}),
    access: ADMIN_ONLY,
    example: {},
  }),
  'backups.saveSettings': channel<BackupsStatus>()({
    summary: 'Where backups go, the daily time (or none) and how many backups the target keeps.',
    input: z.strictObject({
      target: folderSchema.nullable(),
      dailyAt: dailyTimeSchema.nullable(),
      keepGenerations: z.number().int().min(1).max(MAX_KEEP_GENERATIONS),
    }),
    access: ADMIN_ONLY,
    example: { target: EXAMPLE_FOLDER, dailyAt: '22:30', keepGenerations: DEFAULT_KEEP_GENERATIONS },
  }),
  'backups.backUpNow': channel<BackupRunProgress>()({
    summary:
      'Starts a backup to the saved target (or the folder given); progress follows as backups.progress events.',
    input: z.strictObject({ folder: folderSchema.optional() }),
    access: ADMIN_ONLY,
    example: { folder: EXAMPLE_FOLDER },
  }),
  'backups.cancel': channel<{ cancelled: boolean }>()({
    summary: 'Stops the backup that is running; the backups already on the target stay as they were.',
    input: z.strictObject({}),
    access: ADMIN_ONLY,
    example: {},
  }),
  'backups.generations': channel<BackupGeneration[]>()({
    summary: 'The complete backups in a folder or on a drive, newest first.',
    input: z.strictObject({ folder: folderSchema }),
    access: ADMIN_ONLY,
    example: { folder: EXAMPLE_FOLDER },
  }),
  'backups.restore': channel<RestoreStarted>()({
    summary:
      'Restores a backup: copied and checked beside the data folder, then switched in and the kiosk restarts itself. The data it replaces is kept beside the data folder.',
    input: z.strictObject({ folder: folderSchema, generation: generationSchema }),
    access: ADMIN_ONLY,
    example: { folder: EXAMPLE_FOLDER, generation: EXAMPLE_GENERATION },
  }),
  'backups.recoveryOptions': channel<RecoveryOptions>()({
    summary:
      'First start or a damaged database only: why a backup may be restored without sign-in, and where from.',
    input: z.strictObject({}),
    access: 'public',
    example: {},
  }),
  'backups.recoveryGenerations': channel<BackupGeneration[]>()({
    summary: 'First start or a damaged database only: the backups in a folder or on a drive.',
    input: z.strictObject({ folder: folderSchema }),
    access: 'public',
    example: { folder: EXAMPLE_FOLDER },
  }),
  'backups.recoveryRestore': channel<RestoreStarted>()({
    summary:
      'First start or a damaged database only: restores a backup and restarts the kiosk on it (from the kiosk machine itself when the database is damaged).',
    input: z.strictObject({ folder: folderSchema, generation: generationSchema }),
    access: 'public',
    example: { folder: EXAMPLE_FOLDER, generation: EXAMPLE_GENERATION },
  }),
};

export const backupsEvents = {
  'backups.progress': event<BackupRunProgress>()({
    summary:
      'A backup or restore moved on (bytes, files, time left) or ended. To admins, and to the screen that started a restore without sign-in.',
  }),
  'backups.restored': event<{ restoredAt: string; generationCreatedAt: string | null }>()({
    summary:
      'The kiosk restarted on restored data: every screen goes back to sign-in. To every screen, signed in or not.',
  }),
};
