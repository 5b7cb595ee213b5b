// Where each slot's window sits in its scene before anyone moves it: the shared even spread applied to a
// flight's stored slots and scenes.
import { SCENE_TYPES } from '../../../db/schema';
import type { SceneType } from '../../../db/schema';
import { spreadWindowStarts } from '../../shared/slot-layout';

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
