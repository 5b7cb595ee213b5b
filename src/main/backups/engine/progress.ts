// Turns "n more bytes done" into BackupProgress events: at most one every `intervalMs`, always one at the start
// and the end of a phase, with the time left estimated from the rate so far once there is enough to go on.
import type { BackupPhase, BackupProgress } from './types';

/** Before this much time and this share of the work, a rate is mostly noise: the ETA stays null. */
const ETA_AFTER_MS = 500;
const ETA_AFTER_SHARE = 0.02;

export class ProgressMeter {
  private progress: BackupProgress = {
    phase: 'database',
    bytesDone: 0,
    bytesTotal: 0,
    filesDone: 0,
    filesTotal: 0,
    etaSeconds: null,
  };
  private startedAt = 0;
  private lastEmitAt = 0;

  constructor(
    private readonly onProgress: ((progress: BackupProgress) => void) | undefined,
    private readonly intervalMs = 100,
  ) {}

  start(phase: BackupPhase, bytesTotal: number, filesTotal: number, filesDone = 0): void {
    this.progress = { phase, bytesDone: 0, bytesTotal, filesDone, filesTotal, etaSeconds: null };
    this.startedAt = performance.now();
    this.emit(true);
  }

  advance(bytes: number, files = 0): void {
    this.progress.bytesDone += bytes;
    this.progress.filesDone += files;
    this.emit(false);
  }

  /** Sets the phase's figures outright (SQLite's online backup reports pages, not increments). */
  set(bytesDone: number, bytesTotal: number): void {
    this.progress.bytesDone = bytesDone;
    this.progress.bytesTotal = bytesTotal;
    this.emit(false);
  }

  finish(): void {
    this.progress.bytesDone = Math.max(this.progress.bytesDone, this.progress.bytesTotal);
    this.progress.filesDone = Math.max(this.progress.filesDone, this.progress.filesTotal);
    this.emit(true);
  }

  private emit(force: boolean): void {
    if (!this.onProgress) return;
    const now = performance.now();
    if (!force && now - this.lastEmitAt < this.intervalMs) return;
    this.lastEmitAt = now;
    const { bytesDone, bytesTotal } = this.progress;
    const elapsed = now - this.startedAt;
    let eta: number | null = null;
    if (bytesDone >= bytesTotal) eta = 0;
    else if (elapsed >= ETA_AFTER_MS && bytesDone >= bytesTotal * ETA_AFTER_SHARE && bytesDone > 0) {
      eta = Math.ceil(((bytesTotal - bytesDone) / bytesDone) * (elapsed / 1000));
    }
    this.progress.etaSeconds = eta;
    this.onProgress({ ...this.progress });
  }
}
