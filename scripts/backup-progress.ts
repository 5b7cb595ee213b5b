// The progress lines both backup CLIs print: one when a phase starts, then at most one every half second, so
// a log (or a test waiting for "files") reads cleanly.
import type { BackupProgress } from '../src/main/backups/engine';
import { formatBytes, formatSeconds } from '../src/main/backups/engine/format';

const EVERY_MS = 500;

export function progressPrinter(write: (line: string) => void = (line) => console.log(line)) {
  let phase: string | null = null;
  let lastAt = 0;
  return (p: BackupProgress) => {
    const now = performance.now();
    const newPhase = p.phase !== phase;
    if (!newPhase && now - lastAt < EVERY_MS) return;
    phase = p.phase;
    lastAt = now;
    const left =
      p.etaSeconds !== null && p.etaSeconds > 0 ? `, about ${formatSeconds(p.etaSeconds)} left` : '';
    const files = p.filesTotal > 1 ? ` ${p.filesDone}/${p.filesTotal} files,` : '';
    write(`  [${p.phase}]${files} ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}${left}`);
  };
}
