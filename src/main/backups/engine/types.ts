// What every part of the backup engine reports: progress in bytes and files with the time left, and one error
// type whose message says in plain words what is wrong with a backup and what to do.

export type BackupPhase = 'database' | 'files' | 'verifying' | 'pruning' | 'switching';

export interface BackupProgress {
  phase: BackupPhase;
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
  /** null until it can be estimated */
  etaSeconds: number | null;
}

/** A backup or restore that cannot go on; `problems` lists each thing found wrong (a file, an object, …). */
export class BackupError extends Error {
  readonly problems: string[];

  constructor(message: string, problems: string[] = []) {
    super(message);
    this.name = 'BackupError';
    this.problems = problems;
  }
}
