import { describe, expect, it } from 'vitest';
import type { SceneFootage, SlotPlan } from '../../shared/edit-math';
import {
  buildSequence,
  loopSeekTarget,
  nextPlayable,
  sequenceLength,
  sequenceTimeAt,
  windowPlayedOut,
  type PlayStep,
} from './sequence';

const footage: Record<string, SceneFootage> = {
  cruising: { camera1Duration: 20, camera2Duration: 19.76, offsetMs: 240 },
  chase: { camera1Duration: 20, camera2Duration: 19.5, offsetMs: 500 },
};
const scenes = [
  { id: 'cruising', camera1Url: '/media/c1.mp4', camera2Url: '/media/c2.mp4' },
  { id: 'chase', camera1Url: '/media/h1.mp4', camera2Url: null },
];
const plan = (slotNumber: number, sceneId: string, cameraAngle: 1 | 2, windowStart: number): SlotPlan => ({
  slotNumber,
  sceneId,
  cameraAngle,
  windowStart,
  slotDuration: 3,
  seamlessWithPrevious: false,
});

describe('the whole-video sequence', () => {
  const steps = buildSequence(
    [plan(2, 'cruising', 2, 10), plan(1, 'cruising', 1, 4), plan(3, 'chase', 2, 6), plan(4, 'chase', 1, 2)],
    scenes,
    (id) => footage[id] ?? null,
  );

  it('plays the slots in slot order, one after another', () => {
    expect(steps.map((step) => step.slotNumber)).toEqual([1, 2, 3, 4]);
    expect(steps.map((step) => step.sequenceStart)).toEqual([0, 3, 6, 9]);
    expect(sequenceLength(steps)).toBe(12);
  });

  it('seeks camera 2 to the same moment, its offset taken off', () => {
    expect(steps[1]).toMatchObject({ url: '/media/c2.mp4', fileStart: 9.76, fileEnd: 12.76 });
    expect(steps[0]).toMatchObject({ url: '/media/c1.mp4', fileStart: 4, fileEnd: 7 });
  });

  it('skips a slot whose camera filmed nothing', () => {
    expect(steps[2]?.url).toBeNull();
    expect(nextPlayable(steps, 1)).toBe(3);
    expect(nextPlayable(steps, 3)).toBe(-1);
    expect(nextPlayable(steps, -1)).toBe(0);
  });
});

describe('cutting and progress', () => {
  const step: PlayStep = {
    slotNumber: 2,
    sceneId: 's',
    cameraAngle: 2,
    url: '/x.mp4',
    fileStart: 9.76,
    fileEnd: 12.76,
    duration: 3,
    sequenceStart: 3,
  };

  it('cuts when the window has played out, not before', () => {
    expect(windowPlayedOut(step, 12.5, false)).toBe(false);
    expect(windowPlayedOut(step, 12.75, false)).toBe(true);
  });

  it('cuts when the file ends before the window does', () => {
    expect(windowPlayedOut(step, 11, true)).toBe(true);
  });

  it('counts the whole video’s time from the step’s place in it', () => {
    expect(sequenceTimeAt(step, 10.76)).toBeCloseTo(4);
    expect(sequenceTimeAt(step, 2)).toBe(3);
    expect(sequenceTimeAt(step, 99)).toBe(6);
  });
});

describe('the looping window preview', () => {
  it('jumps back to the start at the end of the window', () => {
    expect(loopSeekTarget(7, 4, 7)).toBe(4);
  });

  it('lets the window play on inside it', () => {
    expect(loopSeekTarget(5.5, 4, 7)).toBeNull();
  });

  it('brings a video that is elsewhere in the file to the window', () => {
    expect(loopSeekTarget(0, 4, 7)).toBe(4);
  });
});
