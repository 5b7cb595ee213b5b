// A backup's or restore's progress as the screens see it: the engine's figures, sent a few times a second at
// most (the engine reports every file), at once when the phase changes, and always at the end.
import type { BackupPhase, BackupRunProgress } from '../../shared/backups';
import type { EventHub } from '../ipc/events';

/** The engine's progress report (engine/ BackupProgress), as far as the screens need it. */
export interface EngineProgress {
  phase: BackupPhase;
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
  etaSeconds: number | null;
}

const SEND_EVERY_MS = 250;

export interface ProgressReporter {
  current(): BackupRunProgress;
  /** From the engine's onProgress: kept always, sent when it is time. */
  update(progress: EngineProgress): void;
  /** The end: sent at once. */
  finish(state: Exclude<BackupRunProgress['state'], 'running'>, message: string): BackupRunProgress;
}

export function createProgressReporter(
  start: BackupRunProgress,
  events: Pick<EventHub, 'emit'>,
  clock: () => number = Date.now,
): ProgressReporter {
  let progress = start;
  let sentAt = clock();
  events.emit('backups.progress', progress);
  return {
    current: () => progress,
    update(engine) {
      const phaseChanged = engine.phase !== progress.phase;
      progress = { ...progress, ...pickFigures(engine) };
      if (phaseChanged || clock() - sentAt >= SEND_EVERY_MS) {
        sentAt = clock();
        events.emit('backups.progress', progress);
      }
    },
    finish(state, message) {
      progress = { ...progress, state, message, etaSeconds: state === 'done' ? 0 : null };
      events.emit('backups.progress', progress);
      return progress;
    },
  };
}

function pickFigures(engine: EngineProgress): Omit<EngineProgress, never> {
  return {
    phase: engine.phase,
    bytesDone: Math.max(0, engine.bytesDone),
    bytesTotal: Math.max(0, engine.bytesTotal),
    filesDone: Math.max(0, engine.filesDone),
    filesTotal: Math.max(0, engine.filesTotal),
    etaSeconds: engine.etaSeconds === null ? null : Math.max(0, Math.round(engine.etaSeconds)),
  };
}
