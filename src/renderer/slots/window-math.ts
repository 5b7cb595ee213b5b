// The arithmetic of the window picker: where a slot's window sits on its scene's track, how a drag, a nudge,
// a duration step or a tapped segment moves it, and where each slot's window goes when spread evenly.
// Every result is clamped with the same shared rules main applies when it saves (shared/edit-math.ts).
import {
  MAX_SLOT_SECONDS,
  MIN_CLIP_SECONDS,
  angleRange,
  applySlotEdits,
  clampClip,
  roundMs,
  type Angle,
  type Clip,
  type SceneFootage,
  type SlotEdit,
  type SlotPlan,
  type TimeRange,
} from '../../shared/edit-math';
import { spreadWindowStarts, usableSceneDuration } from '../../shared/slot-layout';

/** Duration steps on the stepper, in seconds. */
export const DURATION_STEP = 0.5;
/** The nudge buttons, in seconds, in the order they are shown. */
export const NUDGES = [-1, -0.1, 0.1, 1] as const;

export const footageOf = (scene: {
  camera1Duration: number | null;
  camera2Duration: number | null;
  offsetMs: number | null;
}): SceneFootage => ({
  camera1Duration: scene.camera1Duration,
  camera2Duration: scene.camera2Duration,
  offsetMs: scene.offsetMs,
});

/** One decimal, as the crew read it: "12.4 s". */
export const formatSeconds = (seconds: number): string => `${(Math.round(seconds * 10) / 10).toFixed(1)} s`;

/** "12.4 s – 15.4 s". */
export const formatWindow = (start: number, duration: number): string =>
  `${formatSeconds(start)} – ${formatSeconds(start + duration)}`;

/** A window kept inside its angle's footage and the slot limits. */
export function clampWindow(clip: Clip, range: TimeRange | null): Clip {
  return clampClip(clip, range, MAX_SLOT_SECONDS);
}

/** The window moved by `delta` seconds, its length kept. */
export function nudgeWindow(window: Clip, delta: number, range: TimeRange | null): Clip {
  return clampWindow({ start: window.start + delta, duration: window.duration }, range);
}

/**
 * The window lengthened or shortened by `delta`, to a multiple of DURATION_STEP (3.2 s + 0.5 → 3.5 s),
 * within MIN_CLIP_SECONDS..MAX_SLOT_SECONDS. It keeps its start unless it would run past the footage.
 */
export function stepDuration(window: Clip, delta: number, range: TimeRange | null): Clip {
  const steps = window.duration / DURATION_STEP;
  const snapped = delta > 0 ? Math.floor(steps + 1e-6) + 1 : Math.ceil(steps - 1e-6) - 1;
  const duration = Math.min(Math.max(snapped * DURATION_STEP, MIN_CLIP_SECONDS), MAX_SLOT_SECONDS);
  return clampWindow({ start: window.start, duration }, range);
}

/** The window centred on a moment (a marked segment's middle, or where a finger tapped the track). */
export function centreWindowOn(centre: number, duration: number, range: TimeRange | null): Clip {
  return clampWindow({ start: centre - duration / 2, duration }, range);
}

/** Where a time falls along a track showing `track`, from 0 (left edge) to 1 (right edge). */
export function trackFraction(time: number, track: TimeRange): number {
  const length = track.end - track.start;
  return length > 0 ? Math.min(Math.max((time - track.start) / length, 0), 1) : 0;
}

/** The scene time under a point `x` pixels from the left of a track `width` pixels wide. */
export function timeAtX(x: number, width: number, track: TimeRange): number {
  if (width <= 0) return track.start;
  return roundMs(track.start + (Math.min(Math.max(x, 0), width) / width) * (track.end - track.start));
}

/** The window's start after a finger that grabbed it moved `dx` pixels along a track `width` pixels wide. */
export function dragWindowStart(
  grabbed: Clip,
  dx: number,
  width: number,
  track: TimeRange,
  range: TimeRange | null,
): number {
  const seconds = width > 0 ? (dx / width) * (track.end - track.start) : 0;
  return clampWindow({ start: grabbed.start + seconds, duration: grabbed.duration }, range).start;
}

/**
 * Where a camera's thumbnail strip lies on a track, in percent of the track: the strip covers the camera's
 * whole file, which starts at the offset on the scene clock (camera 2) and may begin before the track does.
 */
export function stripPlacement(
  footage: SceneFootage,
  angle: Angle,
  track: TimeRange,
): { left: number; width: number } | null {
  const duration = angle === 1 ? footage.camera1Duration : footage.camera2Duration;
  const length = track.end - track.start;
  if (duration === null || !(duration > 0) || !(length > 0)) return null;
  const fileStart = angle === 1 ? 0 : (footage.offsetMs ?? 0) / 1000;
  return {
    left: ((fileStart - track.start) / length) * 100,
    width: (duration / length) * 100,
  };
}

/** The track a slot's picker shows: its angle's footage, or the first three seconds when there is none. */
export function trackFor(footage: SceneFootage | null, angle: Angle): TimeRange {
  return (footage ? angleRange(footage, angle) : null) ?? { start: 0, end: 3 };
}

// ---------------------------------------------------------------------------------------------------------
// Spreading the windows evenly (the layout nobody has touched)

/** Every slot's window spread evenly over its scene, keeping each slot's length. */
export function spreadEvenly(
  slots: readonly SlotPlan[],
  footageOfScene: (sceneId: string) => SceneFootage | null,
): SlotEdit[] {
  const ordered = [...slots].sort((a, b) => a.slotNumber - b.slotNumber);
  const edits: SlotEdit[] = [];
  for (const sceneId of new Set(ordered.map((slot) => slot.sceneId))) {
    const ofScene = ordered.filter((slot) => slot.sceneId === sceneId);
    const starts = spreadWindowStarts(
      usableSceneDuration(footageOfScene(sceneId)),
      ofScene.map((slot) => ({
        duration: slot.slotDuration,
        seamlessWithPrevious: slot.seamlessWithPrevious,
      })),
    );
    ofScene.forEach((slot, i) =>
      edits.push({
        slotNumber: slot.slotNumber,
        windowStart: starts[i] ?? 0,
        slotDuration: slot.slotDuration,
      }),
    );
  }
  return edits.sort((a, b) => a.slotNumber - b.slotNumber);
}

/**
 * Whether anyone has placed a window by hand: some window is neither where the even spread puts it nor
 * where the spread lands once clamped to its angle's footage. Used to ask before overwriting them.
 */
export function windowsMovedByHand(
  slots: readonly SlotPlan[],
  footageOfScene: (sceneId: string) => SceneFootage | null,
): boolean {
  const spread = spreadEvenly(slots, footageOfScene);
  const clamped = applySlotEdits(slots, spread, footageOfScene);
  const same = (a: number, b: number | undefined) => b !== undefined && Math.abs(a - b) < 0.002;
  return slots.some((slot) => {
    const raw = spread.find((edit) => edit.slotNumber === slot.slotNumber)?.windowStart;
    const kept = clamped.find((plan) => plan.slotNumber === slot.slotNumber)?.windowStart;
    return !same(slot.windowStart, raw) && !same(slot.windowStart, kept);
  });
}
