// What the whole-video preview plays, and when: the eight windows in slot order as steps of a file, a start
// and an end (camera offset applied by the shared sequenceOf), and the small decisions the player makes
// every frame (cut now? which step next? how far along is the whole video?). Pure, so it is tested directly.
import { sequenceOf, roundMs, type Angle, type SceneFootage, type SlotPlan } from '../../shared/edit-math';

export interface SequenceScene {
  id: string;
  camera1Url: string | null;
  camera2Url: string | null;
}

export interface PlayStep {
  slotNumber: number;
  sceneId: string;
  cameraAngle: Angle;
  /** The camera's footage; null when that camera filmed nothing (the step is skipped). */
  url: string | null;
  /** Seconds in that camera's file. */
  fileStart: number;
  fileEnd: number;
  duration: number;
  /** Where the step starts in the finished video. */
  sequenceStart: number;
}

/** Cut this close to a window's end: a frame's worth early beats showing a frame past the window. */
export const CUT_EARLY_SECONDS = 0.02;

export function buildSequence(
  slots: readonly SlotPlan[],
  scenes: readonly SequenceScene[],
  footageOfScene: (sceneId: string) => SceneFootage | null,
): PlayStep[] {
  const sceneById = new Map(scenes.map((scene) => [scene.id, scene]));
  return sequenceOf(slots, footageOfScene).map((entry) => {
    const scene = sceneById.get(entry.sceneId);
    const url = (entry.cameraAngle === 1 ? scene?.camera1Url : scene?.camera2Url) ?? null;
    return {
      slotNumber: entry.slotNumber,
      sceneId: entry.sceneId,
      cameraAngle: entry.cameraAngle,
      url,
      fileStart: entry.fileStart,
      fileEnd: roundMs(entry.fileStart + entry.duration),
      duration: entry.duration,
      sequenceStart: entry.sequenceStart,
    };
  });
}

/** The whole video's length in seconds. */
export const sequenceLength = (steps: readonly PlayStep[]): number =>
  roundMs(steps.reduce((total, step) => total + step.duration, 0));

/** The next step after `index` that has footage to play, or -1 when the video is over. */
export function nextPlayable(steps: readonly PlayStep[], index: number): number {
  for (let i = index + 1; i < steps.length; i++) if (steps[i]?.url) return i;
  return -1;
}

/** Time to cut to the next step: the window is played out (or the file ended early). */
export function windowPlayedOut(step: PlayStep, fileTime: number, ended: boolean): boolean {
  return ended || fileTime >= step.fileEnd - CUT_EARLY_SECONDS;
}

/** Seconds into the finished video while `step` is at `fileTime` in its file. */
export function sequenceTimeAt(step: PlayStep, fileTime: number): number {
  return step.sequenceStart + Math.min(Math.max(fileTime - step.fileStart, 0), step.duration);
}

/**
 * For the picker's looping preview: where to seek when the video has left the window (played past its end,
 * or was somewhere else), or null to let it play on.
 */
export function loopSeekTarget(fileTime: number, fileStart: number, fileEnd: number): number | null {
  if (fileTime >= fileEnd - CUT_EARLY_SECONDS || fileTime < fileStart - 0.25) return fileStart;
  return null;
}
