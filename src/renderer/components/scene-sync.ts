// Keeping a scene's two angles in step: camera 1's time is the scene's timeline, camera 2 follows it shifted by
// the recorded offset (camera 2 started offsetMs later, so it is that much behind). Pure, so it can be tested.

/** Seconds the follower may wander before it is sought back: small drift is invisible, a seek is a stutter. */
export const DRIFT_TOLERANCE_SECONDS = 0.08;
export const DEFAULT_FRAME_RATE = 30;
export const PLAYBACK_RATES = [0.5, 1, 2] as const;
export type PlaybackRate = (typeof PLAYBACK_RATES)[number];

/** A usable duration in seconds, or null (unknown, zero, not a number). */
function known(duration: number | null | undefined): number | null {
  return duration !== null && duration !== undefined && Number.isFinite(duration) && duration > 0
    ? duration
    : null;
}

/** Camera 2's time at camera-1 time `camera1Time`. */
export function camera2TimeAt(camera1Time: number, offsetMs: number | null): number {
  return camera1Time - (offsetMs ?? 0) / 1000;
}

/** Camera 1's time at camera-2 time `camera2Time`. */
export function camera1TimeAt(camera2Time: number, offsetMs: number | null): number {
  return camera2Time + (offsetMs ?? 0) / 1000;
}

/** A time inside a file: never before its start, never past its end when the end is known. */
export function clampToFile(time: number, duration: number | null | undefined): number {
  const end = known(duration);
  const atLeastZero = Math.max(0, time);
  return end === null ? atLeastZero : Math.min(atLeastZero, end);
}

/**
 * How long the scrub bar is: the leading camera's footage. Camera 1 leads when it has footage; a scene that
 * only camera 2 filmed plays on camera 2's own clock.
 */
export function timelineLength(camera1Duration: number | null, camera2Duration: number | null): number {
  return known(camera1Duration) ?? known(camera2Duration) ?? 0;
}

export type FollowerCorrection =
  /** Close enough: leave the follower playing as it is. */
  | { kind: 'leave' }
  /** Drifted: seek the follower to `to`. */
  | { kind: 'seek'; to: number }
  /** The timeline is outside the follower's footage (it had not started, or has ended): show that frame, paused. */
  | { kind: 'hold'; at: number };

/**
 * What to do with the follower given where the leader is. `tolerance` is 0 when paused, so a still frame lines
 * up exactly, and DRIFT_TOLERANCE_SECONDS while playing.
 */
export function correctFollower(
  leaderTime: number,
  followerTime: number,
  offsetMs: number | null,
  followerDuration: number | null,
  tolerance = DRIFT_TOLERANCE_SECONDS,
): FollowerCorrection {
  const wanted = camera2TimeAt(leaderTime, offsetMs);
  const target = clampToFile(wanted, followerDuration);
  if (target !== wanted) return { kind: 'hold', at: target };
  return Math.abs(followerTime - target) > tolerance ? { kind: 'seek', to: target } : { kind: 'leave' };
}

/** One frame, in seconds (1/30 s when the frame rate is unknown). */
export function frameStepSeconds(frameRate?: number | null): number {
  return 1 / (frameRate && Number.isFinite(frameRate) && frameRate > 0 ? frameRate : DEFAULT_FRAME_RATE);
}

/** The timeline time one frame forward (+1) or back (−1), kept inside the timeline. */
export function stepFrame(
  time: number,
  direction: 1 | -1,
  length: number,
  frameRate?: number | null,
): number {
  return clampToFile(time + direction * frameStepSeconds(frameRate), length);
}

/** 75.4 → "1:15.4": tenths, because frame stepping must show that time moved. */
export function formatPlayerTime(seconds: number): string {
  const tenths = Math.max(0, Math.floor(seconds * 10 + 1e-6));
  const minutes = Math.floor(tenths / 600);
  const rest = (tenths % 600) / 10;
  return `${minutes}:${rest.toFixed(1).padStart(4, '0')}`;
}
