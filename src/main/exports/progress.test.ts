// The time left a running export shows: from the pace of the share, and a video's from its frames.
import { describe, expect, it } from 'vitest';
import { secondsLeftAtPace, videoSecondsLeft } from './progress';

describe('secondsLeftAtPace', () => {
  it('counts the pace from the first report, not from the start of the job', () => {
    // First report at 10 s (5 %), now 20 s at 55 %: 50 % in 10 s, so 45 % takes 9 s more.
    expect(secondsLeftAtPace({ atMs: 10_000, share: 0.05 }, 0.55, 20_000)).toBeCloseTo(9, 9);
    expect(secondsLeftAtPace({ atMs: 10_000, share: 0.05 }, 0.07, 11_000)).toBeNull();
    expect(secondsLeftAtPace({ atMs: 10_000, share: 0.05 }, 1, 30_000)).toBe(0);
  });
});

describe('videoSecondsLeft', () => {
  const work = (framesDone: number, recentFps: number | null = null) => ({
    framesDone,
    framesLeft: 720 - framesDone,
    fixedSeconds: 0.35,
    recentFps,
  });

  it('counts the frames left at the pace seen, plus the work that is not frames', () => {
    // 240 frames in 2 s since the first report: 120 a second; 480 left take 4 s, then the join.
    expect(videoSecondsLeft({ atMs: 1_000, framesDone: 0 }, work(240), 3_000)).toBeCloseTo(4.35, 9);
  });

  it('has no estimate without an earlier video until 3 % of the frames are rendered', () => {
    expect(videoSecondsLeft(null, work(0), 1_000)).toBeNull();
    expect(videoSecondsLeft({ atMs: 1_000, framesDone: 2 }, work(20), 1_500)).toBeNull();
    expect(videoSecondsLeft({ atMs: 1_000, framesDone: 2 }, work(30), 1_500)).not.toBeNull();
  });

  it('starts from the last video pace, and lets this one take over as its frames come', () => {
    // Before any frame: the last video's 120 a second.
    expect(videoSecondsLeft(null, work(0, 120), 1_000)).toBeCloseTo(6.35, 9);
    // A slow first half second (30 frames at 60 a second) moves it only a little...
    const early = videoSecondsLeft({ atMs: 0, framesDone: 0 }, work(30, 120), 500)!;
    expect(early).toBeGreaterThan(690 / 120 + 0.35);
    expect(early).toBeLessThan(690 / 90 + 0.35);
    // ...while 6 s at 60 a second makes it nearly that pace.
    const later = videoSecondsLeft({ atMs: 0, framesDone: 0 }, work(360, 120), 6_000)!;
    expect(later).toBeGreaterThan(360 / 75 + 0.35);
    expect(later).toBeLessThan(360 / 60 + 0.35);
  });

  it('is the fixed work alone once every frame is rendered', () => {
    expect(videoSecondsLeft({ atMs: 0, framesDone: 10 }, work(720), 6_000)).toBe(0.35);
  });
});
