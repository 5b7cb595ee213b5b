// A backup's or restore's record and words: how a run starts on screen, its line in backup.json's history, and
// what the admin reads when it failed (the engine's plain message, a disk problem, or a reference to the log).
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { BackupRun, BackupRunProgress } from '../../shared/backups';
import { AppFailure, storageProblem, storageProblemMessage } from '../errors';
import { BackupError } from './engine';

export function startProgress(
  runId: string,
  kind: BackupRunProgress['kind'],
  root: string,
): BackupRunProgress {
  return {
    runId,
    kind,
    state: 'running',
    phase: kind === 'backup' ? 'database' : 'files',
    bytesDone: 0,
    bytesTotal: 0,
    filesDone: 0,
    filesTotal: 0,
    etaSeconds: null,
    root,
    message: null,
  };
}

export function runBase(
  id: string,
  kind: BackupRun['kind'],
  trigger: BackupRun['trigger'],
  startedAt: string,
  root: string,
): BackupRun {
  return {
    id,
    kind,
    trigger,
    startedAt,
    finishedAt: startedAt,
    outcome: 'failed',
    root,
    generation: null,
    generationCreatedAt: null,
    filesCopied: 0,
    bytesCopied: 0,
    filesTotal: 0,
    bytesTotal: 0,
    message: null,
  };
}

export function failureCode(error: unknown): AppFailure['code'] {
  if (error instanceof AppFailure) return error.code;
  if (error instanceof BackupError) return 'CONFLICT';
  return storageProblem(error) ? 'UNAVAILABLE' : 'INTERNAL';
}

/** What went wrong, in words the admin can act on; anything unexpected goes to the log with a reference. */
export function failureMessage(
  error: unknown,
  root: string,
  doing: 'backup' | 'restore' | 'read',
  logger: Logger,
): string {
  if (error instanceof AppFailure) return error.message;
  if (error instanceof BackupError) return error.message;
  const storage = storageProblem(error);
  if (storage) return storageProblemMessage(storage.problem, storage.path ?? root);
  const reference = randomUUID().slice(0, 6).toUpperCase();
  logger.error({ err: error, root, reference }, `${doing} failed`);
  const what = doing === 'read' ? 'The backups could not be read' : `The ${doing} failed`;
  return `${what} (reference ${reference}). Check the drive and try again; if it happens again, report a problem and quote the reference.`;
}
