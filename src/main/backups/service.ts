// Backups in the app: the settings and history in backup.json, a backup by hand or at the daily time (one at a
// time), the backups on a drive, and a restore: copied and checked beside the data folder by the engine, then
// switched in while the main services are stopped and started again in this same process (app.ts `restart`).
import { randomUUID } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import type { Logger } from 'pino';
import { writeAuditLog } from '../../../db/audit';
import type {
  BackupGeneration,
  BackupRun,
  BackupRunProgress,
  BackupSettings,
  BackupsStatus,
  RecoveryOptions,
  RestoreStarted,
} from '../../shared/backups';
import { AppFailure } from '../errors';
import type { Peer } from '../ipc/dispatch';
import type { EventHub } from '../ipc/events';
import type { AppDatabase } from '../system/database';
import { settleRestoredData } from './after-restore';
import { backupDataDir, listGenerations, restoreBackup, switchInRestored } from './engine';
import {
  backupRootOf,
  checkBackupFolder,
  isTargetPresent,
  listBackupPlaces,
  type DriveRoot,
} from './folders';
import { createProgressReporter } from './progress';
import { recoveryReason } from './recovery-access';
import { failureCode, failureMessage, runBase, startProgress } from './runs';
import { dailyBackupDue, nextDailySlot } from './schedule';
import { lastVerified, readBackupFile, withRun, writeBackupFile, type BackupFile } from './settings-file';

export interface BackupServiceDeps {
  dataDir: string;
  database: Pick<AppDatabase, 'handle' | 'damaged'>;
  events: Pick<EventHub, 'emit'>;
  logger: Logger;
  now?: () => Date;
  utcOffsetMinutes?: (at: Date) => number;
  /** The removable drives plugged in now (photos/photo-card.ts removableRoots). */
  drives: () => Promise<DriveRoot[]>;
  /**
   * Stops the main services, runs `between` (the switch to the restored folder) and starts them again in this
   * process; the hosts keep serving meanwhile (app.ts). Without it (tests of the service alone) a restore is
   * refused before anything is copied.
   */
  restart?: (between: () => Promise<void>) => Promise<void>;
}

/** Who asked for a restore: the trigger for the history, the admin for the audit, the screen for its events. */
export interface RestoreRequester {
  trigger: BackupRun['trigger'];
  userId: string | null;
  connection: string;
}

interface Running {
  progress: () => BackupRunProgress;
  kind: BackupRunProgress['kind'];
  abort: AbortController;
  done: Promise<unknown>;
}

/** The screens that asked for a run without being signed in, by run: ipc/audience.ts sends them its progress. */
const MAX_WATCHED_RUNS = 10;

export type BackupService = ReturnType<typeof createBackupService>;

export function createBackupService(deps: BackupServiceDeps) {
  const { dataDir, database, events, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const utcOffsetMinutes = deps.utcOffsetMinutes ?? ((at: Date) => -at.getTimezoneOffset());
  let running: Running | null = null;
  const watchers = new Map<string, Set<string>>();
  // backup.json is read, changed and written whole: one change at a time, so two never lose each other's.
  let fileQueue: Promise<unknown> = Promise.resolve();
  const changeFile = (change: (file: BackupFile) => BackupFile): Promise<BackupFile> => {
    const next = fileQueue.then(async () => {
      const changed = change(await readBackupFile(dataDir));
      await writeBackupFile(dataDir, changed);
      return changed;
    });
    fileQueue = next.catch(() => undefined);
    return next;
  };

  function refuseWhileRunning(): void {
    if (!running) return;
    throw new AppFailure(
      'CONFLICT',
      running.kind === 'backup'
        ? 'A backup is running now. Wait for it to finish (or stop it), then try again.'
        : 'A restore is running now. Wait for the kiosk to restart on it.',
    );
  }

  function openDatabaseOrRefuse() {
    if (!database.handle) {
      throw new AppFailure(
        'UNAVAILABLE',
        'The kiosk database is not open, so there is nothing to back up. Restore the last backup instead.',
      );
    }
    return database.handle;
  }

  function watch(runId: string, connection: string): void {
    watchers.set(runId, new Set([connection]));
    for (const old of watchers.keys()) {
      if (watchers.size <= MAX_WATCHED_RUNS) break;
      watchers.delete(old);
    }
  }

  async function recordRun(run: BackupRun): Promise<void> {
    await changeFile((file) => withRun(file, run)).catch((error: unknown) => {
      logger.error({ err: error }, 'backup history could not be written');
    });
  }

  async function status(): Promise<BackupsStatus> {
    const file = await readBackupFile(dataDir);
    const [places, targetPresent] = await Promise.all([
      listBackupPlaces(await deps.drives(), file.target),
      isTargetPresent(file.target),
    ]);
    return {
      settings: settingsOf(file),
      targetPresent,
      nextDailyAt: file.dailyAt
        ? nextDailySlot(now(), file.dailyAt, utcOffsetMinutes(now())).toISOString()
        : null,
      running: running?.progress() ?? null,
      history: file.history,
      places,
      dataDir,
    };
  }

  async function backUp(folder: string | undefined, trigger: 'manual' | 'daily'): Promise<BackupRunProgress> {
    refuseWhileRunning();
    const handle = openDatabaseOrRefuse();
    const file = await readBackupFile(dataDir);
    const chosen = folder ?? file.target;
    if (!chosen) {
      throw new AppFailure('VALIDATION', 'Choose where backups go first: a USB drive or a folder.');
    }
    const root = backupRootOf(await checkBackupFolder(chosen, dataDir));
    refuseWhileRunning(); // again: checking the folder took a moment
    const startedAt = now().toISOString();
    const runId = randomUUID();
    const abort = new AbortController();
    const reporter = createProgressReporter(
      { ...startProgress(runId, 'backup', root), phase: 'database' },
      events,
    );
    const done = (async () => {
      let run: BackupRun;
      try {
        const result = await backupDataDir({
          dataDir,
          root,
          keepGenerations: file.keepGenerations,
          sqlite: handle.sqlite,
          onProgress: (progress) => reporter.update(progress),
          signal: abort.signal,
          now,
        });
        const message = `Backup verified: ${result.filesCopied} new or changed files copied, ${result.filesReused} unchanged files already there.`;
        run = {
          ...runBase(runId, 'backup', trigger, startedAt, root),
          finishedAt: now().toISOString(),
          outcome: 'verified',
          generation: result.generation,
          generationCreatedAt: result.createdAt,
          filesCopied: result.filesCopied,
          bytesCopied: result.bytesCopied,
          filesTotal: result.filesTotal,
          bytesTotal: result.bytesTotal,
          message,
        };
        logger.info(
          { root, generation: result.generation, durationMs: result.durationMs },
          'backup verified',
        );
      } catch (error) {
        const cancelled = abort.signal.aborted;
        const message = cancelled
          ? 'The backup was stopped. The backups already on the drive are as they were.'
          : failureMessage(error, root, 'backup', logger);
        const progress = reporter.current();
        run = {
          ...runBase(runId, 'backup', trigger, startedAt, root),
          finishedAt: now().toISOString(),
          outcome: cancelled ? 'cancelled' : 'failed',
          filesTotal: progress.filesTotal,
          bytesTotal: progress.bytesTotal,
          message,
        };
      }
      // In the history before the screens hear it ended, so the list they load then has it.
      await recordRun(run);
      running = null;
      reporter.finish(
        run.outcome === 'verified' ? 'done' : run.outcome === 'cancelled' ? 'cancelled' : 'failed',
        run.message ?? '',
      );
    })();
    running = { progress: reporter.current, kind: 'backup', abort, done };
    return reporter.current();
  }

  async function generations(folder: string): Promise<BackupGeneration[]> {
    const root = backupRootOf(await checkBackupFolder(folder, dataDir));
    const there = await stat(root)
      .then((info) => info.isDirectory())
      .catch(() => false);
    if (!there) return [];
    try {
      return await listGenerations(root);
    } catch (error) {
      throw new AppFailure('UNAVAILABLE', failureMessage(error, root, 'read', logger));
    }
  }

  async function restore(
    { folder, generation }: { folder: string; generation: string },
    who: RestoreRequester,
  ): Promise<RestoreStarted> {
    refuseWhileRunning();
    const restart = deps.restart;
    if (!restart)
      throw new AppFailure('UNAVAILABLE', 'This kiosk cannot restart itself to restore a backup.');
    const root = backupRootOf(await checkBackupFolder(folder, dataDir));
    refuseWhileRunning();
    const runId = randomUUID();
    const startedAt = now().toISOString();
    watch(runId, who.connection);
    const abort = new AbortController();
    const reporter = createProgressReporter(startProgress(runId, 'restore', root), events);
    let resolveDone: () => void = () => undefined;
    running = {
      progress: reporter.current,
      kind: 'restore',
      abort,
      done: new Promise<void>((resolve) => (resolveDone = resolve)),
    };
    const base = runBase(runId, 'restore', who.trigger, startedAt, root);
    let stagedDir: string | null = null;
    let switching = false;
    try {
      const staged = await restoreBackup({
        root,
        generation,
        dataDir,
        switchIn: false,
        onProgress: (progress) => reporter.update(progress),
      });
      stagedDir = staged.stagedDir;
      const createdAt =
        (await listGenerations(root).catch(() => [])).find((g) => g.name === staged.generation)?.createdAt ??
        null;
      const run: BackupRun = {
        ...base,
        finishedAt: now().toISOString(),
        outcome: 'verified',
        generation: staged.generation,
        generationCreatedAt: createdAt,
        filesCopied: staged.files,
        bytesCopied: staged.bytes,
        filesTotal: staged.files,
        bytesTotal: staged.bytes,
        message: null,
      };
      reporter.update({ ...reporter.current(), phase: 'switching', etaSeconds: null });
      // Read before the switch: after it, backup.json is the one in the backup.
      const live = await readBackupFile(dataDir);
      let previousDir: string | null = null;
      switching = true;
      await restart(async () => {
        ({ previousDir } = await switchInRestored(staged.stagedDir, dataDir));
        const message = previousDir
          ? `Restored the backup of ${createdAt ?? staged.generation}. The data it replaced is kept in ${previousDir}.`
          : `Restored the backup of ${createdAt ?? staged.generation}.`;
        await settleRestoredData({ dataDir, live, run: { ...run, message }, userId: who.userId, logger });
      });
      logger.info(
        { root, generation: staged.generation, previousDir },
        'backup restored; services restarted',
      );
      // The end of a restore, for every screen: nobody is signed in any more, so a 'done' progress would
      // reach no one (the new services know no session and no screen that asked).
      events.emit('backups.restored', { restoredAt: now().toISOString(), generationCreatedAt: createdAt });
      return { runId };
    } catch (error) {
      const message = failureMessage(error, root, 'restore', logger);
      reporter.finish('failed', message);
      if (stagedDir && !switching)
        await rm(stagedDir, { recursive: true, force: true }).catch(() => undefined);
      await recordRun({ ...base, finishedAt: now().toISOString(), outcome: 'failed', message });
      throw new AppFailure(failureCode(error), message);
    } finally {
      running = null;
      resolveDone();
    }
  }

  async function recoveryOptions(reason: RecoveryOptions['reason']): Promise<RecoveryOptions> {
    const file = await readBackupFile(dataDir);
    const last = lastVerified(file.history);
    return {
      reason,
      places: await listBackupPlaces(await deps.drives(), file.target),
      lastBackup:
        last?.generation != null
          ? { at: last.generationCreatedAt ?? last.finishedAt, root: last.root, generation: last.generation }
          : null,
      running: running?.progress() ?? null,
    };
  }

  /** The daily backup, if it is due: skipped (and said so in the history) when the target is not there. */
  async function runDailyIfDue(): Promise<void> {
    if (running || !database.handle) return;
    const file = await readBackupFile(dataDir);
    const at = now();
    if (!dailyBackupDue(at, file, utcOffsetMinutes(at))) return;
    if (!(await isTargetPresent(file.target))) {
      await recordRun({
        ...runBase(randomUUID(), 'backup', 'daily', at.toISOString(), file.target ?? ''),
        finishedAt: at.toISOString(),
        outcome: 'skipped',
        message: `The daily backup did not run: ${file.target} was not there. Plug the backup drive in, or tap Back up now.`,
      });
      return;
    }
    await backUp(undefined, 'daily').catch((error: unknown) => {
      logger.warn({ err: error }, 'daily backup could not start');
    });
  }

  let timer: NodeJS.Timeout | undefined;
  let firstCheck: NodeJS.Timeout | undefined;
  const check = () =>
    void runDailyIfDue().catch((error: unknown) => logger.error({ err: error }, 'daily backup check failed'));

  return {
    status,
    async saveSettings(input: BackupSettings, userId: string): Promise<BackupsStatus> {
      const target = input.target === null ? null : await checkBackupFolder(input.target, dataDir);
      const before = await readBackupFile(dataDir);
      await changeFile((file) => ({ ...file, ...input, target }));
      if (database.handle) {
        await writeAuditLog(database.handle.db, {
          userId,
          action: 'update',
          entityType: 'backup_settings',
          before: settingsOf(before),
          after: { target, dailyAt: input.dailyAt, keepGenerations: input.keepGenerations },
        });
      }
      return status();
    },
    backUpNow: (input: { folder?: string | undefined }) => backUp(input.folder, 'manual'),
    cancel(): { cancelled: boolean } {
      if (running?.kind !== 'backup') return { cancelled: false };
      running.abort.abort();
      return { cancelled: true };
    },
    generations,
    restore,
    /** Why this screen may restore without anyone signed in (recovery-access.ts). */
    recoveryReason: (peer: Pick<Peer, 'address'>) => recoveryReason(database, peer),
    recoveryOptions,
    /** The screens that asked for this run without being signed in (ipc/audience.ts). */
    watchersOf: (runId: string): ReadonlySet<string> => watchers.get(runId) ?? new Set(),
    /** Checks once a minute whether the daily backup is due (first a minute after start, once the screens are up). */
    start(): void {
      firstCheck = setTimeout(check, 60_000);
      timer = setInterval(check, 60_000);
      firstCheck.unref();
      timer.unref();
    },
    runDailyIfDue,
    /** Resolves once the backup or restore running now (if any) has ended and its run is recorded. */
    async idle(): Promise<void> {
      await running?.done;
      await fileQueue;
    },
    /** The run in progress ends first, unless it is the restore that is closing us. */
    async close(): Promise<void> {
      clearTimeout(firstCheck);
      clearInterval(timer);
      if (running?.kind === 'backup') {
        running.abort.abort();
        await running.done;
      }
      await fileQueue;
    },
  };
}

/** The newest verified backup recorded in <dataDir>/backup.json: for the status strip, health and retention. */
export async function lastVerifiedBackup(
  dataDir: string,
): Promise<{ at: string; root: string; generation: string } | null> {
  const run = lastVerified((await readBackupFile(dataDir)).history);
  if (!run?.generation) return null;
  return { at: run.generationCreatedAt ?? run.finishedAt, root: run.root, generation: run.generation };
}

function settingsOf(file: BackupFile): BackupSettings {
  return { target: file.target, dailyAt: file.dailyAt, keepGenerations: file.keepGenerations };
}
