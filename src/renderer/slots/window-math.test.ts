import { describe, expect, it } from 'vitest';
import type { SceneFootage, SlotPlan } from '../../shared/edit-math';
import {
  centreWindowOn,
  dragWindowStart,
  formatWindow,
  nudgeWindow,
  spreadEvenly,
  stepDuration,
  stripPlacement,
  timeAtX,
  trackFor,
  trackFraction,
  windowsMovedByHand,
} from './window-math';

const footage: SceneFootage = { camera1Duration: 20, camera2Duration: 19.76, offsetMs: 240 };
const camera1 = { start: 0, end: 20 };
const camera2 = { start: 0.24, end: 20 };

const slot = (slotNumber: number, sceneId: string, windowStart: number, extra: Partial<SlotPlan> = {}) => ({
  slotNumber,
  sceneId,
  cameraAngle: (slotNumber % 2 === 0 ? 2 : 1) as 1 | 2,
  windowStart,
  slotDuration: 3,
  seamlessWithPrevious: false,
  ...extra,
});

describe('reading a window', () => {
  it('shows start and end to a tenth of a second', () => {
    expect(formatWindow(12.37, 3)).toBe('12.4 s – 15.4 s');
  });
});

describe('nudging a window', () => {
  it('moves it by the nudge and keeps its length', () => {
    expect(nudgeWindow({ start: 5, duration: 3 }, 0.1, camera1)).toEqual({ start: 5.1, duration: 3 });
  });

  it('stops at the end of the footage', () => {
    expect(nudgeWindow({ start: 16.5, duration: 3 }, 1, camera1)).toEqual({ start: 17, duration: 3 });
  });

  it('cannot move a camera-2 window before camera 2 started', () => {
    expect(nudgeWindow({ start: 0.5, duration: 3 }, -1, camera2)).toEqual({ start: 0.24, duration: 3 });
  });
});

describe('stepping the length', () => {
  it('adds half a second and keeps the start', () => {
    expect(stepDuration({ start: 4, duration: 3 }, 1, camera1)).toEqual({ start: 4, duration: 3.5 });
  });

  it('snaps an odd length to the next half second', () => {
    expect(stepDuration({ start: 4, duration: 3.2 }, 1, camera1).duration).toBe(3.5);
    expect(stepDuration({ start: 4, duration: 3.2 }, -1, camera1).duration).toBe(3);
  });

  it('never goes below half a second or above thirty', () => {
    expect(stepDuration({ start: 0, duration: 0.5 }, -1, camera1).duration).toBe(0.5);
    expect(stepDuration({ start: 0, duration: 30 }, 1, { start: 0, end: 60 }).duration).toBe(30);
  });

  it('moves the start back when the longer window would run past the footage', () => {
    expect(stepDuration({ start: 17, duration: 3 }, 1, camera1)).toEqual({ start: 16.5, duration: 3.5 });
  });
});

describe('centring on a moment', () => {
  it('puts the middle of the window on the moment', () => {
    expect(centreWindowOn(10, 3, camera1)).toEqual({ start: 8.5, duration: 3 });
  });

  it('keeps the window inside the footage near its start', () => {
    expect(centreWindowOn(0.5, 3, camera2)).toEqual({ start: 0.24, duration: 3 });
  });
});

describe('the track', () => {
  it('places times along it and reads them back from a finger position', () => {
    expect(trackFraction(5, camera1)).toBe(0.25);
    expect(timeAtX(250, 1000, camera1)).toBe(5);
    expect(timeAtX(-40, 1000, camera1)).toBe(0);
  });

  it('turns a drag in pixels into seconds along the scene', () => {
    expect(dragWindowStart({ start: 5, duration: 3 }, 100, 1000, camera1, camera1)).toBe(7);
    expect(dragWindowStart({ start: 5, duration: 3 }, 900, 1000, camera1, camera1)).toBe(17);
  });

  it('shows camera 2’s strip from where camera 2 started on the scene clock', () => {
    const placed = stripPlacement(footage, 2, camera2)!;
    expect(placed.left).toBeCloseTo(0);
    expect(placed.width).toBeCloseTo(100);
    const onSceneTrack = stripPlacement(footage, 2, camera1)!;
    expect(onSceneTrack.left).toBeCloseTo(1.2);
    expect(onSceneTrack.width).toBeCloseTo(98.8);
  });

  it('lets a strip that began before the scene clock hang off the left edge', () => {
    const early: SceneFootage = { camera1Duration: 10, camera2Duration: 11, offsetMs: -1000 };
    const placed = stripPlacement(early, 2, trackFor(early, 2))!;
    expect(placed.left).toBeCloseTo(-10);
    expect(placed.width).toBeCloseTo(110);
  });

  it('has no strip without footage', () => {
    expect(
      stripPlacement({ camera1Duration: null, camera2Duration: null, offsetMs: null }, 1, camera1),
    ).toBeNull();
  });
});

describe('spreading windows evenly', () => {
  it('spreads each scene’s slots over that scene only, using the shorter camera', () => {
    const slots = [slot(1, 'a', 0), slot(2, 'a', 0), slot(3, 'b', 0)];
    const edits = spreadEvenly(slots, (id) => (id === 'a' ? footage : { ...footage, camera2Duration: 9 }));
    expect(edits.map((edit) => edit.windowStart)).toEqual([3.44, 13.32, 3]);
  });

  it('sees untouched windows as untouched and a moved one as moved', () => {
    const spread = spreadEvenly([slot(1, 'a', 0), slot(2, 'a', 0)], () => footage);
    const untouched = [slot(1, 'a', spread[0]!.windowStart), slot(2, 'a', spread[1]!.windowStart)];
    expect(windowsMovedByHand(untouched, () => footage)).toBe(false);
    const moved = [untouched[0]!, { ...untouched[1]!, windowStart: untouched[1]!.windowStart + 0.1 }];
    expect(windowsMovedByHand(moved, () => footage)).toBe(true);
  });
});
