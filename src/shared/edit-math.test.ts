import { describe, expect, it } from 'vitest';
import {
  MAX_SLOT_SECONDS,
  MIN_CLIP_SECONDS,
  angleRange,
  applySlotEdits,
  clampClip,
  fileTimeAt,
  normaliseSegments,
  prefillFromSegments,
  sceneLength,
  sequenceOf,
  type SceneFootage,
  type SlotPlan,
} from './edit-math';

// Camera 2 started 0.25 s after camera 1 and filmed 19.5 s; camera 1 filmed 20 s.
const footage: SceneFootage = { camera1Duration: 20, camera2Duration: 19.5, offsetMs: 250 };

describe('angleRange', () => {
  it('puts camera 1 at the start of the scene clock', () => {
    expect(angleRange(footage, 1)).toEqual({ start: 0, end: 20 });
  });

  it('shifts camera 2 by the recorded offset', () => {
    expect(angleRange(footage, 2)).toEqual({ start: 0.25, end: 19.75 });
  });

  it('cuts the part of camera 2 filmed before camera 1 started', () => {
    expect(angleRange({ ...footage, offsetMs: -500 }, 2)).toEqual({ start: 0, end: 19 });
  });

  it('has no range for a camera without footage', () => {
    expect(angleRange({ ...footage, camera2Duration: null }, 2)).toBeNull();
    expect(angleRange({ ...footage, camera1Duration: 0 }, 1)).toBeNull();
  });

  it('reads a missing offset as none', () => {
    expect(angleRange({ ...footage, offsetMs: null }, 2)).toEqual({ start: 0, end: 19.5 });
  });
});

describe('sceneLength and fileTimeAt', () => {
  it('runs the timeline to the later end of the two angles', () => {
    expect(sceneLength(footage)).toBe(20);
    expect(sceneLength({ camera1Duration: 10, camera2Duration: 12, offsetMs: 1000 })).toBe(13);
    expect(sceneLength({ camera1Duration: null, camera2Duration: null, offsetMs: null })).toBe(0);
  });

  it('maps scene time to camera 2 file time by taking the offset off', () => {
    expect(fileTimeAt(10, 1, 250)).toBe(10);
    expect(fileTimeAt(10, 2, 250)).toBe(9.75);
  });
});

describe('clampClip', () => {
  const range = { start: 0.25, end: 19.75 };

  it('leaves a clip inside the footage alone', () => {
    expect(clampClip({ start: 5, duration: 3 }, range)).toEqual({ start: 5, duration: 3 });
  });

  it('moves a clip that starts before the footage to its start', () => {
    expect(clampClip({ start: 0, duration: 3 }, range)).toEqual({ start: 0.25, duration: 3 });
  });

  it('moves a clip that runs past the end back so it ends with the footage', () => {
    expect(clampClip({ start: 18, duration: 3 }, range)).toEqual({ start: 16.75, duration: 3 });
  });

  it('cuts a clip longer than the footage to the footage', () => {
    expect(clampClip({ start: 2, duration: 40 }, range)).toEqual({ start: 0.25, duration: 19.5 });
  });

  it('makes a too-short clip the shortest allowed', () => {
    expect(clampClip({ start: 2, duration: 0.1 }, range)).toEqual({ start: 2, duration: MIN_CLIP_SECONDS });
  });

  it('keeps at most maxDuration', () => {
    expect(clampClip({ start: 0, duration: 50 }, { start: 0, end: 100 }, MAX_SLOT_SECONDS).duration).toBe(
      MAX_SLOT_SECONDS,
    );
  });

  it('turns non-numbers into something safe', () => {
    expect(clampClip({ start: Number.NaN, duration: Number.POSITIVE_INFINITY }, range)).toEqual({
      start: 0.25,
      duration: MIN_CLIP_SECONDS,
    });
  });

  it('without footage keeps the clip non-negative', () => {
    expect(clampClip({ start: -3, duration: 2 }, null)).toEqual({ start: 0, duration: 2 });
  });

  it('rounds to the millisecond', () => {
    expect(clampClip({ start: 1.23456, duration: 2.00049 }, range)).toEqual({ start: 1.235, duration: 2 });
  });
});

describe('normaliseSegments', () => {
  it('orders segments by start time so numbers follow the timeline', () => {
    const result = normaliseSegments(
      [
        { id: 'b', startTime: 9, duration: 2, cameraAngle: 2 },
        { id: 'a', startTime: 1, duration: 2, cameraAngle: 1 },
      ],
      footage,
    );
    expect(result.map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('clamps each segment to its own angle', () => {
    const [segment] = normaliseSegments([{ startTime: 0, duration: 2, cameraAngle: 2 }], footage);
    expect(segment).toMatchObject({ startTime: 0.25, duration: 2 });
  });
});

const slot = (
  slotNumber: number,
  sceneId: string,
  cameraAngle: 1 | 2,
  extra: Partial<SlotPlan> = {},
): SlotPlan => ({
  slotNumber,
  sceneId,
  cameraAngle,
  windowStart: 0,
  slotDuration: 3,
  seamlessWithPrevious: false,
  ...extra,
});
const footageOf = (sceneId: string) => (sceneId === 'cruising' ? footage : null);

describe('applySlotEdits', () => {
  const slots = [slot(1, 'cruising', 1), slot(2, 'cruising', 2, { windowStart: 5 }), slot(3, 'cruising', 1)];

  it('changes only the slots edited', () => {
    const result = applySlotEdits(slots, [{ slotNumber: 1, windowStart: 10, slotDuration: 4 }], footageOf);
    expect(result.map((s) => [s.slotNumber, s.windowStart, s.slotDuration])).toEqual([
      [1, 10, 4],
      [2, 5, 3],
      [3, 0, 3],
    ]);
  });

  it('clamps an edited window to its angle’s footage', () => {
    const result = applySlotEdits(slots, [{ slotNumber: 2, windowStart: 19, slotDuration: 3 }], footageOf);
    expect(result[1]).toMatchObject({ windowStart: 16.75, slotDuration: 3 });
  });

  it('starts a seamless slot where its partner ends, on the same scene clock', () => {
    const seamless = [slot(1, 'cruising', 1), slot(2, 'cruising', 2, { seamlessWithPrevious: true })];
    const result = applySlotEdits(seamless, [{ slotNumber: 1, windowStart: 6, slotDuration: 3 }], footageOf);
    expect(result[1]).toMatchObject({ windowStart: 9, slotDuration: 3 });
    // Played on camera 2, that moment is 0.25 s earlier in camera 2's file: the same instant camera 1 showed.
    expect(fileTimeAt(result[1]!.windowStart, 2, footage.offsetMs)).toBe(8.75);
  });

  it('ignores an edit of a seamless slot’s start: it always follows its partner', () => {
    const seamless = [
      slot(1, 'cruising', 1, { windowStart: 2 }),
      slot(2, 'cruising', 2, { seamlessWithPrevious: true }),
    ];
    const result = applySlotEdits(seamless, [{ slotNumber: 2, windowStart: 12, slotDuration: 2 }], footageOf);
    expect(result[1]).toMatchObject({ windowStart: 5, slotDuration: 2 });
  });

  it('does not change the slots it was given', () => {
    const before = JSON.stringify(slots);
    applySlotEdits(slots, [{ slotNumber: 1, windowStart: 10, slotDuration: 4 }], footageOf);
    expect(JSON.stringify(slots)).toBe(before);
  });
});

describe('prefillFromSegments', () => {
  it('centres each slot of a scene on that scene’s segments in order', () => {
    const slots = [slot(1, 'cruising', 1), slot(2, 'cruising', 2), slot(3, 'chase', 1)];
    const edits = prefillFromSegments(slots, (sceneId) =>
      sceneId === 'cruising'
        ? [
            { startTime: 10, duration: 2, cameraAngle: 1 },
            { startTime: 2, duration: 4, cameraAngle: 2 },
          ]
        : [],
    );
    expect(edits).toEqual([
      { slotNumber: 1, windowStart: 2.5, slotDuration: 3 },
      { slotNumber: 2, windowStart: 9.5, slotDuration: 3 },
    ]);
  });

  it('leaves seamless slots to follow their partner', () => {
    const slots = [slot(1, 'cruising', 1), slot(2, 'cruising', 2, { seamlessWithPrevious: true })];
    const edits = prefillFromSegments(slots, () => [
      { startTime: 4, duration: 2, cameraAngle: 1 },
      { startTime: 12, duration: 2, cameraAngle: 1 },
    ]);
    expect(edits.map((e) => e.slotNumber)).toEqual([1]);
  });
});

describe('sequenceOf', () => {
  it('lays the windows end to end and seeks camera 2 by the offset', () => {
    const entries = sequenceOf(
      [
        slot(2, 'cruising', 2, { windowStart: 10, slotDuration: 2.5 }),
        slot(1, 'cruising', 1, { windowStart: 4 }),
      ],
      footageOf,
    );
    expect(entries).toEqual([
      { slotNumber: 1, sceneId: 'cruising', cameraAngle: 1, fileStart: 4, duration: 3, sequenceStart: 0 },
      {
        slotNumber: 2,
        sceneId: 'cruising',
        cameraAngle: 2,
        fileStart: 9.75,
        duration: 2.5,
        sequenceStart: 3,
      },
    ]);
  });
});
