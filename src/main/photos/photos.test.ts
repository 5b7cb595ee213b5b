// Where a flight's still photos are taken from: marked moments first, slot mid-points to top up.
import { describe, expect, it } from 'vitest';
import { choosePhotoMoments, spreadPick, type MomentCandidate } from './photos';

const at = (sceneIndex: number, sceneTime: number, angle: 1 | 2 = 1, file: string | null = `cam${angle}`) =>
  ({ sceneIndex, sceneTime, angle, file, offsetMs: 500, fileDuration: 20 }) satisfies MomentCandidate;

describe('spreadPick', () => {
  it('keeps everything when there are few, and spreads the picks when there are many', () => {
    expect(spreadPick([1, 2, 3], 8)).toEqual([1, 2, 3]);
    expect(spreadPick([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5)).toEqual([1, 3, 5, 7, 9]);
  });
});

describe('choosePhotoMoments', () => {
  it('takes the marked moments in flight order, on each camera’s own clock', () => {
    const moments = choosePhotoMoments([at(2, 4, 2), at(1, 6)], [], 8);
    expect(moments).toEqual([
      { file: 'cam1', fileTime: 6 },
      { file: 'cam2', fileTime: 3.5 },
    ]);
  });

  it('tops up with slot mid-points when fewer moments are marked than photos wanted', () => {
    const slots = [at(1, 1.5), at(1, 6), at(2, 9.5), at(3, 12)];
    const moments = choosePhotoMoments([at(1, 6)], slots, 3);
    expect(moments).toHaveLength(3);
    expect(moments[0]).toEqual({ file: 'cam1', fileTime: 6 });
    expect(moments.filter((m) => m.fileTime === 6)).toHaveLength(1);
  });

  it('spreads many marked moments over the flight instead of taking the first ones', () => {
    const segments = Array.from({ length: 16 }, (_, i) => at(Math.floor(i / 6) + 1, (i % 6) * 3));
    const moments = choosePhotoMoments(segments, [], 4);
    expect(moments).toHaveLength(4);
    expect(new Set(moments.map((m) => `${m.fileTime}`)).size).toBeGreaterThan(1);
  });

  it('skips moments without footage and keeps times inside the file', () => {
    const moments = choosePhotoMoments([at(1, 5, 1, null), at(1, 25)], [], 8);
    expect(moments).toEqual([{ file: 'cam1', fileTime: 19.9 }]);
  });
});
