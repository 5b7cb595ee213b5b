// Placing a camera's recorder parts in time: pure rules, checked with plain numbers.
import { describe, expect, it } from 'vitest';
import { concatList, partSlots, wallSpanSeconds, whyNotJoinable, type PartToJoin } from './join-parts';

function part(
  fileName: string,
  durationSeconds: number,
  startedAtMs: number | null,
  width = 1280,
): PartToJoin {
  return {
    startedAtMs,
    file: {
      camera: 2,
      fileName,
      container: 'mp4',
      codec: 'h264',
      durationSeconds,
      bytes: 1000,
      width,
      height: 720,
    },
  };
}

describe('joining recorder parts', () => {
  it('holds each part until the next one starts, so the camera stays in sync across the gap', () => {
    const parts = [part('a.mp4', 4, 1_000), part('b.mp4', 3, 7_500), part('c.mp4', 2, 11_000)];

    expect(partSlots(parts)).toEqual([6.5, 3.5, 2]);
    expect(wallSpanSeconds(parts)).toBe(12);
    expect(concatList(parts)).toBe(
      "ffconcat version 1.0\nfile 'a.mp4'\nduration 6.500\nfile 'b.mp4'\nduration 3.500\nfile 'c.mp4'\n",
    );
  });

  it('puts parts back to back when a start is unknown, and never overlaps them', () => {
    expect(partSlots([part('a.mp4', 4, null), part('b.mp4', 3, 9_000)])).toEqual([4, 3]);
    // The clocks disagree by a little: the next part seems to start before this one ends.
    expect(partSlots([part('a.mp4', 4, 1_000), part('b.mp4', 3, 4_900)])).toEqual([4, 3]);
  });

  it('refuses to copy parts of different picture sizes into one file', () => {
    expect(whyNotJoinable([part('a.mp4', 4, 0), part('b.mp4', 3, 5_000)])).toBeNull();
    expect(whyNotJoinable([part('a.mp4', 4, 0), part('b.mp4', 3, 5_000, 640)])).toMatch(
      /different picture sizes/,
    );
  });
});
