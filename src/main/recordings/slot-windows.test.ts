import { describe, expect, it } from 'vitest';
import { defaultFlightTime } from '../../shared/flight-time';
import { spreadWindowStarts, usableSceneDuration } from './slot-windows';

const three = [{ duration: 3 }, { duration: 3 }, { duration: 3 }];

describe('spreadWindowStarts', () => {
  it('starts every window at 0 until the scene has a duration', () => {
    expect(spreadWindowStarts(null, three)).toEqual([0, 0, 0]);
    expect(spreadWindowStarts(0, three)).toEqual([0, 0, 0]);
  });

  it('centres each window in an equal part of the scene', () => {
    // 30 s in three parts of 10 s; a 3 s window centred in each starts 3.5 s into it.
    expect(spreadWindowStarts(30, three)).toEqual([3.5, 13.5, 23.5]);
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
    expect(usableSceneDuration({ camera1_duration: 20.4, camera2_duration: 19.9 })).toBe(19.9);
  });

  it('uses the one camera that has a duration', () => {
    expect(usableSceneDuration({ camera1_duration: null, camera2_duration: 12 })).toBe(12);
  });

  it('is null before anything was recorded', () => {
    expect(usableSceneDuration({ camera1_duration: null, camera2_duration: null })).toBeNull();
  });
});

describe('defaultFlightTime', () => {
  const at = (h: number, m: number, s = 0) => new Date(2025, 5, 1, h, m, s);

  it.each([
    [at(9, 0, 40), at(9, 0)],
    [at(9, 1), at(9, 30)],
    [at(9, 30, 59), at(9, 30)],
    [at(9, 31), at(10, 0)],
    [at(9, 59), at(10, 0)],
    [at(23, 45), new Date(2025, 5, 2, 0, 0)],
  ])('rounds %s to %s', (now, expected) => {
    expect(defaultFlightTime(now)).toEqual(expected);
  });
});
