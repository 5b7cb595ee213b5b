import { describe, expect, it } from 'vitest';
import {
  camera1TimeAt,
  camera2TimeAt,
  clampToFile,
  correctFollower,
  formatPlayerTime,
  frameStepSeconds,
  stepFrame,
  timelineLength,
} from './scene-sync';

describe('mapping between the two cameras', () => {
  it('puts camera 2 behind camera 1 by the offset when camera 2 started later', () => {
    expect(camera2TimeAt(10, 240)).toBeCloseTo(9.76);
  });

  it('puts camera 2 ahead when it started first (negative offset)', () => {
    expect(camera2TimeAt(10, -500)).toBeCloseTo(10.5);
  });

  it('treats an unknown offset as none', () => {
    expect(camera2TimeAt(3, null)).toBe(3);
  });

  it('maps camera-2 time back to the same camera-1 time', () => {
    expect(camera1TimeAt(camera2TimeAt(7.25, 120), 120)).toBeCloseTo(7.25);
  });
});

describe('keeping a time inside a file', () => {
  it('never goes before the start', () => {
    expect(clampToFile(-0.3, 20)).toBe(0);
  });

  it('never goes past a known end', () => {
    expect(clampToFile(21, 20)).toBe(20);
  });

  it('only clamps the start when the length is unknown', () => {
    expect(clampToFile(99, null)).toBe(99);
    expect(clampToFile(99, Number.POSITIVE_INFINITY)).toBe(99);
  });
});

describe('the shared timeline', () => {
  it('is as long as camera 1, the camera that leads', () => {
    expect(timelineLength(20, 19.76)).toBe(20);
  });

  it('is camera 2 alone when camera 1 filmed nothing', () => {
    expect(timelineLength(null, 12)).toBe(12);
  });

  it('is empty when neither length is known', () => {
    expect(timelineLength(null, null)).toBe(0);
  });
});

describe('correcting the following camera', () => {
  it('leaves small drift alone while playing', () => {
    expect(correctFollower(10, 9.7, 240, 19.76)).toEqual({ kind: 'leave' });
  });

  it('seeks the follower when it drifted more than 0.08 s', () => {
    expect(correctFollower(10, 9.5, 240, 19.76)).toEqual({ kind: 'seek', to: 9.76 });
  });

  it('lines a paused frame up exactly when asked for no tolerance', () => {
    expect(correctFollower(10, 9.74, 240, 19.76, 0)).toEqual({ kind: 'seek', to: 9.76 });
  });

  it('holds camera 2 on its first frame before it started filming', () => {
    expect(correctFollower(0.1, 0, 240, 19.76)).toEqual({ kind: 'hold', at: 0 });
  });

  it('holds camera 2 on its last frame after it stopped filming', () => {
    expect(correctFollower(19.9, 19.6, -500, 19.76)).toEqual({ kind: 'hold', at: 19.76 });
  });
});

describe('frame stepping', () => {
  it('steps 1/30 s when the frame rate is unknown', () => {
    expect(frameStepSeconds()).toBeCloseTo(1 / 30);
    expect(frameStepSeconds(0)).toBeCloseTo(1 / 30);
  });

  it('steps one frame of the given rate', () => {
    expect(frameStepSeconds(25)).toBeCloseTo(0.04);
  });

  it('moves one frame forward or back and stays inside the timeline', () => {
    expect(stepFrame(5, 1, 20)).toBeCloseTo(5 + 1 / 30);
    expect(stepFrame(5, -1, 20, 25)).toBeCloseTo(4.96);
    expect(stepFrame(0, -1, 20)).toBe(0);
    expect(stepFrame(20, 1, 20)).toBe(20);
  });
});

describe('showing the time', () => {
  it('shows minutes, seconds and tenths', () => {
    expect(formatPlayerTime(75.46)).toBe('1:15.4');
    expect(formatPlayerTime(0)).toBe('0:00.0');
    expect(formatPlayerTime(9.3)).toBe('0:09.3');
  });
});
