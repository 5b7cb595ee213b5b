import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE_SLOTS, spreadWindowStarts, usableSceneDuration } from './slot-layout';

describe('DEFAULT_TEMPLATE_SLOTS', () => {
  it('puts cruising in slots 1-3, chase in 4-6 and arrival in 7-8, alternating cameras, 3.0 s each', () => {
    expect(DEFAULT_TEMPLATE_SLOTS.map((s) => `${s.slotNumber}:${s.sceneType}:${s.cameraAngle}`)).toEqual([
      '1:cruising:1',
      '2:cruising:2',
      '3:cruising:1',
      '4:chase:1',
      '5:chase:2',
      '6:chase:1',
      '7:arrival:1',
      '8:arrival:2',
    ]);
    expect(new Set(DEFAULT_TEMPLATE_SLOTS.map((s) => s.duration))).toEqual(new Set([3]));
  });

  it('has no seamless slot', () => {
    expect(DEFAULT_TEMPLATE_SLOTS.some((s) => s.seamlessWithPrevious)).toBe(false);
  });
});

const three = [{ duration: 3 }, { duration: 3 }, { duration: 3 }];

describe('spreadWindowStarts', () => {
  it('starts every window at 0 until the scene has a duration', () => {
    expect(spreadWindowStarts(null, three)).toEqual([0, 0, 0]);
    expect(spreadWindowStarts(0, three)).toEqual([0, 0, 0]);
  });

  it('centres each window in an equal part of the scene', () => {
    // 30 s in three parts of 10 s; a 3 s window centred in each starts 3.5 s into it.
    expect(spreadWindowStarts(30, three)).toEqual([3.5, 13.5, 23.5]);
    expect(spreadWindowStarts(18, three)).toEqual([1.5, 7.5, 13.5]);
  });

  it('rounds to the millisecond', () => {
    expect(spreadWindowStarts(20, three)).toEqual([1.833, 8.5, 15.167]);
  });

  it('keeps windows inside a scene shorter than the windows need', () => {
    expect(spreadWindowStarts(5, three)).toEqual([0, 1, 2]);
    expect(spreadWindowStarts(2, [{ duration: 3 }])).toEqual([0]);
  });

  it('starts a seamless slot where the previous one ends', () => {
    const starts = spreadWindowStarts(30, [
      { duration: 3 },
      { duration: 3, seamlessWithPrevious: true },
      { duration: 3 },
    ]);
    // Two runs over 30 s: the 6 s run centred in 0-15, the 3 s run centred in 15-30.
    expect(starts).toEqual([4.5, 7.5, 21]);
  });

  it('keeps a seamless pair together as one run', () => {
    expect(
      spreadWindowStarts(12, [
        { duration: 3, seamlessWithPrevious: false },
        { duration: 3, seamlessWithPrevious: true },
      ]),
    ).toEqual([3, 6]);
  });

  it('chains seamless slots even before the scene has a duration', () => {
    expect(spreadWindowStarts(null, [{ duration: 3 }, { duration: 2, seamlessWithPrevious: true }])).toEqual([
      0, 3,
    ]);
  });

  it('returns nothing for no slots', () => {
    expect(spreadWindowStarts(30, [])).toEqual([]);
  });
});

describe('usableSceneDuration', () => {
  it('is the shorter camera', () => {
    expect(usableSceneDuration({ camera1Duration: 20.4, camera2Duration: 19.9 })).toBe(19.9);
  });

  it('uses the one camera that has a duration', () => {
    expect(usableSceneDuration({ camera1Duration: null, camera2Duration: 12 })).toBe(12);
  });

  it('is null before anything was recorded', () => {
    expect(usableSceneDuration({ camera1Duration: null, camera2Duration: null })).toBeNull();
  });
});
