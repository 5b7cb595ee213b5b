// The progress lines the backup and restore CLIs print: a heading when a phase starts, then a line at most every
// half second with files, bytes and time left, so a log (or a test waiting for files to be copied) reads cleanly;
// and the lines of a failure, with the problems it named.
import { BackupError, type BackupPhase, type BackupProgress } from '../src/main/backups/engine';
import { formatBytes, formatSeconds, plural } from '../src/main/backups/engine/format';

const EVERY_MS = 500;

const HEADINGS: Record<'backup' | 'restore', Record<BackupPhase, (p: BackupProgress) => string>> = {
  backup: {
    database: () => 'Copying the database (SQLite online backup)…',
    files: (p) =>
      `Copying files: ${plural(p.filesTotal - p.filesDone, 'file')} (${formatBytes(p.bytesTotal)}) to copy, ` +
      `${p.filesDone} unchanged since the last backup…`,
    verifying: () => 'Verifying the database copy (integrity_check) and the files written…',
    pruning: (p) =>
      p.filesTotal > 0 ? `Removing ${plural(p.filesTotal, 'older backup')}…` : 'Keeping older backups.',
    switching: () => '',
  },
  restore: {
    database: () => 'Copying the database and checking its sha256…',
    files: (p) =>
      `Copying files: ${plural(p.filesTotal, 'file')} (${formatBytes(p.bytesTotal)}), each checked against its sha256…`,
    verifying: () => 'Checking the restored database (integrity_check)…',
    pruning: () => '',
    switching: () => 'Switching the restored copy in…',
  },
};

export function progressPrinter(
  kind: 'backup' | 'restore',
  write: (line: string) => void = (line) => console.log(line),
) {
  let phase: BackupPhase | null = null;
  let lastAt = 0;
  return (p: BackupProgress) => {
    const now = performance.now();
    if (p.phase !== phase) {
      phase = p.phase;
      lastAt = now;
      const heading = HEADINGS[kind][p.phase](p);
      if (heading) write(heading);
      return;
    }
    if (now - lastAt < EVERY_MS || p.bytesTotal === 0) return;
    lastAt = now;
    const left =
      p.etaSeconds !== null && p.etaSeconds > 0 ? `, about ${formatSeconds(p.etaSeconds)} left` : '';
    const files = p.filesTotal > 1 ? ` ${p.filesDone}/${p.filesTotal} files,` : '';
    write(`  [${p.phase}]${files} ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}${left}`);
  };
}

/** Prints why a backup or restore failed, with the first 20 problems it named. Returns exit code 1. */
export function printFailure(tool: string, error: unknown): 1 {
  console.error(`${tool}: ${(error as Error).message}`);
  if (error instanceof BackupError) {
    for (const problem of error.problems.slice(0, 20)) console.error(`  - ${problem}`);
    if (error.problems.length > 20) console.error(`  … and ${error.problems.length - 20} more`);
  }
  return 1;
}
