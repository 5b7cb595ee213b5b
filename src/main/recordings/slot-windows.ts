// Where each slot's window sits in its scene before anyone moves it: the shared even spread applied to a
// flight's stored slots and scenes.
import { SCENE_TYPES } from '../../../db/schema';
import type { SceneType } from '../../../db/schema';
import { spreadWindowStarts } from '../../shared/slot-layout';

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
