// The default 8-slot layout and where each slot's window sits in its scene before anyone moves it. Main
// applies both when it checks a flight in and when a scene is filmed; the slot editor uses the same spread
// to offer "spread evenly" and to tell whether anyone moved a window by hand.
import { DEFAULT_SLOT_SECONDS, roundMs, type SceneFootage } from './edit-math';

/**
 * PRODUCT.md's default: slots 1-3 cruising on cameras 1, 2, 1; 4-6 chase on 1, 2, 1; 7-8 arrival on 1, 2;
 * 3.0 s each, none seamless. Each is a TemplateSlot. Migration 0003 seeds its own frozen copy (a test keeps
 * the seeded template equal to this one).
 */
export const DEFAULT_TEMPLATE_SLOTS = (
  [
    ['cruising', 1],
    ['cruising', 2],
    ['cruising', 1],
    ['chase', 1],
    ['chase', 2],
    ['chase', 1],
    ['arrival', 1],
    ['arrival', 2],
  ] as const
).map(([sceneType, cameraAngle], i) => ({
  slotNumber: i + 1,
  sceneType,
  cameraAngle,
  duration: DEFAULT_SLOT_SECONDS,
  seamlessWithPrevious: false,
}));

/**
 * The stretch of a scene every slot can use: the shorter camera's length, since a slot may switch to the
 * other one. Null until at least one camera has a duration.
 */
export function usableSceneDuration(
  footage: Pick<SceneFootage, 'camera1Duration' | 'camera2Duration'> | null,
): number | null {
  const known = [footage?.camera1Duration, footage?.camera2Duration].filter(
    (d): d is number => typeof d === 'number' && d > 0,
  );
  return known.length > 0 ? Math.min(...known) : null;
}

export interface SlotWindowRequest {
  /** Seconds of footage the slot takes. */
  duration: number;
  /** Continues the previous slot's moment on the other camera: starts where that slot ended. */
  seamlessWithPrevious?: boolean;
}

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
