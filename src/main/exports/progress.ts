// Reading ffmpeg's `-progress pipe:1` output: blocks of key=value lines, each ending with `progress=continue`
// (or `progress=end`). Pure, so the parsing and the estimate are tested with plain text.

export interface ProgressReading {
  /** Seconds of output written so far. */
  outSeconds: number;
  ended: boolean;
}

/** Folds one line into the reading so far; returns a reading when the line closes a block. */
export function createProgressParser(): (line: string) => ProgressReading | null {
  let outSeconds = 0;
  return (line) => {
    const at = line.indexOf('=');
    if (at < 0) return null;
    const key = line.slice(0, at).trim();
    const value = line.slice(at + 1).trim();
    // out_time_us is microseconds; ffmpeg 4.1's out_time_ms is microseconds too (a long-standing misnomer).
    if (key === 'out_time_us' || key === 'out_time_ms') {
      const micro = Number(value);
      if (Number.isFinite(micro) && micro >= 0) outSeconds = micro / 1e6;
      return null;
    }
    if (key === 'progress') return { outSeconds, ended: value === 'end' };
    return null;
  };
}

/** The share of the job done, 0 to 1. */
export function progressShare(outSeconds: number, totalSeconds: number): number {
  if (!(totalSeconds > 0)) return 0;
  return Math.min(1, Math.max(0, outSeconds / totalSeconds));
}

/**
 * Seconds left at the pace so far; null until a few percent are done (the first seconds are ffmpeg opening its
 * inputs, so an early estimate would be wild).
 */
export function estimateSecondsLeft(share: number, elapsedSeconds: number): number | null {
  if (share < 0.03 || elapsedSeconds <= 0) return null;
  if (share >= 1) return 0;
  return Math.round((elapsedSeconds * (1 - share)) / share);
}

/** Where the pace of a job is counted from: its first progress report (time and share). */
export interface Pace {
  atMs: number;
  share: number;
}

/**
 * Seconds left at the pace since `from`, unrounded; null until 3 % more is done. Counted from the first report,
 * not from the job's start: reading the flight and starting ffmpeg happen once, and counting them as work
 * would make the early estimates of a video made of pieces far too long.
 */
export function secondsLeftAtPace(from: Pace, share: number, nowMs: number): number | null {
  const gained = share - from.share;
  if (gained < 0.03 || nowMs <= from.atMs) return null;
  if (share >= 1) return 0;
  return (((nowMs - from.atMs) / 1000) * (1 - share)) / gained;
}
