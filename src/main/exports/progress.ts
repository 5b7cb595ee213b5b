// The time left a running export shows. Pure, so the estimates are tested with plain numbers.
//
// A video job knows what it has left in two kinds: frames still to render (x264's work, which goes at the
// machine's pace) and work that is not frames (starting each piece's ffmpeg, the join, the poster), which takes
// about the same few tenths of a second on any machine. So the time left is the frames left at the pace seen,
// plus those seconds. The pace seen in the first second is not yet the real one (ffmpeg's start and x264's
// lookahead make it up to a third slower), so it is weighed against the pace this kiosk rendered at in its last
// video, while there is one: as if the job had already rendered PRIOR_FRAMES frames at that pace. Photo jobs
// have only a share done, and go by the pace of the share.

/** Where the pace of a job is counted from: its first progress report (time and share). */
export interface Pace {
  atMs: number;
  share: number;
}

/** Seconds left at the pace of the share since `from`, unrounded; null until 3 % more is done. */
export function secondsLeftAtPace(from: Pace, share: number, nowMs: number): number | null {
  const gained = share - from.share;
  if (gained < 0.03 || nowMs <= from.atMs) return null;
  if (share >= 1) return 0;
  return (((nowMs - from.atMs) / 1000) * (1 - share)) / gained;
}

/** What a video job has done and has left, as it reports it. */
export interface VideoWork {
  framesDone: number;
  framesLeft: number;
  /** The work left that is not frames, in seconds. */
  fixedSeconds: number;
  /** Frames a second this kiosk rendered at in its last video of the same shape; null when none yet. */
  recentFps: number | null;
}

/** Where a video job's frame pace is counted from: its first report with frames rendered. */
export interface FramePace {
  atMs: number;
  framesDone: number;
}

/** How much the last video's pace weighs: as much as this many frames seen in this job (two slot pieces). */
export const PRIOR_FRAMES = 180;

/**
 * Seconds left of a video job, unrounded. Null while there is no pace to go by: no earlier video and fewer
 * than 3 % of the frames rendered since `from`.
 */
export function videoSecondsLeft(from: FramePace | null, work: VideoWork, nowMs: number): number | null {
  if (work.framesLeft <= 0) return work.fixedSeconds;
  const seenFrames = from ? Math.max(0, work.framesDone - from.framesDone) : 0;
  const seenSeconds = from ? Math.max(0, nowMs - from.atMs) / 1000 : 0;
  let fps: number;
  if (work.recentFps && work.recentFps > 0) {
    fps = (seenFrames + PRIOR_FRAMES) / (seenSeconds + PRIOR_FRAMES / work.recentFps);
  } else {
    const total = work.framesDone + work.framesLeft;
    if (seenFrames < 0.03 * total || seenSeconds <= 0) return null;
    fps = seenFrames / seenSeconds;
  }
  return work.framesLeft / fps + work.fixedSeconds;
}
