// The time left a running export shows, from the pace since its first progress report.
import { describe, expect, it } from 'vitest';
import { secondsLeftAtPace } from './progress';

describe('secondsLeftAtPace', () => {
  it('counts the pace from the first report, not from the start of the job', () => {
    // First report at 10 s (5 %), now 20 s at 55 %: 50 % in 10 s, so 45 % takes 9 s more.
    expect(secondsLeftAtPace({ atMs: 10_000, share: 0.05 }, 0.55, 20_000)).toBeCloseTo(9, 9);
    expect(secondsLeftAtPace({ atMs: 10_000, share: 0.05 }, 0.07, 11_000)).toBeNull();
    expect(secondsLeftAtPace({ atMs: 10_000, share: 0.05 }, 1, 30_000)).toBe(0);
  });
});
