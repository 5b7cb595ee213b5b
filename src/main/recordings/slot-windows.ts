// Where each slot's window sits in its scene before anyone moves it. Pure, so the editor can reuse it.
import { SCENE_TYPES } from '../../../db/schema';
import type { SceneType } from '../../../db/schema';

export interface SlotWindowRequest {
  /** Seconds of footage the slot takes. */
  duration: number;
  /** Continues the previous slot's moment on the other camera: starts where that slot ended. */
  seamlessWithPrevious?: boolean;
}

const roundMs = (seconds: number) => Math.round(seconds * 1000) / 1000;

/**
 * Spreads one scene's slots evenly over the scene: the scene is cut into equal parts, one per run of slots
 * (a slot plus the seamless slots that continue it), and each run is centred in its part. A run longer than
 * its part is kept inside the scene. Until the scene has a duration (not recorded yet) every run starts at 0.
 * Returns window starts in seconds, in the order given.
 */
export function spreadWindowStarts(
  sceneDuration: number | null,
  slots: readonly SlotWindowRequest[],
): number[] {
  const runs: { first: number; length: number; duration: number }[] = [];
  slots.forEach((slot, i) => {
    const current = runs.at(-1);
    if (slot.seamlessWithPrevious && current) {
      current.length += 1;
      current.duration += slot.duration;
    } else {
      runs.push({ first: i, length: 1, duration: slot.duration });
    }
  });

  const starts: number[] = [];
  const scene =
    sceneDuration !== null && Number.isFinite(sceneDuration) && sceneDuration > 0 ? sceneDuration : 0;
  const part = runs.length > 0 ? scene / runs.length : 0;
  runs.forEach((run, r) => {
    const centred = r * part + (part - run.duration) / 2;
    let start = scene === 0 ? 0 : Math.min(Math.max(centred, 0), Math.max(scene - run.duration, 0));
    for (let i = run.first; i < run.first + run.length; i++) {
      starts.push(roundMs(start));
      start += slots[i]?.duration ?? 0;
    }
  });
  return starts;
}

/**
 * The stretch of a scene a slot can use: the shorter camera, since a slot may switch to the other one.
 * Null until at least one camera has a duration.
 */
export function usableSceneDuration(scene: {
  camera1_duration: number | null;
  camera2_duration: number | null;
}): number | null {
  const known = [scene.camera1_duration, scene.camera2_duration].filter(
    (d): d is number => d !== null && d > 0,
  );
  return known.length > 0 ? Math.min(...known) : null;
}

/** Default window starts for a whole layout, each scene's slots spread over that scene's duration. */
export function slotWindowStarts(
  slots: readonly { scene_type: SceneType; duration: number; seamless_with_previous: boolean }[],
  sceneDuration: (sceneType: SceneType) => number | null,
): number[] {
  const starts = new Array<number>(slots.length).fill(0);
  for (const sceneType of SCENE_TYPES) {
    const indexes = slots.flatMap((slot, i) => (slot.scene_type === sceneType ? [i] : []));
    const spread = spreadWindowStarts(
      sceneDuration(sceneType),
      indexes.map((i) => ({
        duration: slots[i]?.duration ?? 0,
        seamlessWithPrevious: slots[i]?.seamless_with_previous ?? false,
      })),
    );
    indexes.forEach((slotIndex, k) => (starts[slotIndex] = spread[k] ?? 0));
  }
  return starts;
}
