// The time left a running export shows: from the pace since its first progress report. Pure, so the estimate
// is tested with plain numbers (the progress itself is counted in frames by video.ts).

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
