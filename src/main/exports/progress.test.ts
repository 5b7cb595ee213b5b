// Reading ffmpeg's -progress output and estimating what is left.
import { describe, expect, it } from 'vitest';
import { createProgressParser, estimateSecondsLeft, progressShare, secondsLeftAtPace } from './progress';

describe('createProgressParser', () => {
  it('reports the output time when a block ends, in seconds', () => {
    const parse = createProgressParser();
    const lines = ['frame=120', 'fps=30.0', 'out_time_us=4000000', 'out_time=00:00:04.000000', 'speed=1.9x'];
    for (const line of lines) expect(parse(line)).toBeNull();
    expect(parse('progress=continue')).toEqual({ outSeconds: 4, ended: false });
    expect(parse('out_time_ms=6500000')).toBeNull(); // ffmpeg 4.1 names microseconds out_time_ms
    expect(parse('progress=end')).toEqual({ outSeconds: 6.5, ended: true });
  });

  it('ignores lines it does not know and values that are not numbers', () => {
    const parse = createProgressParser();
    expect(parse('garbage')).toBeNull();
    expect(parse('out_time_us=N/A')).toBeNull();
    expect(parse('progress=continue')).toEqual({ outSeconds: 0, ended: false });
  });
});

describe('progressShare and estimateSecondsLeft', () => {
  it('is the share of the total, kept between 0 and 1', () => {
    expect(progressShare(7, 28)).toBe(0.25);
    expect(progressShare(40, 28)).toBe(1);
    expect(progressShare(3, 0)).toBe(0);
  });

  it('estimates from the pace so far, and not before there is a pace', () => {
    expect(estimateSecondsLeft(0.01, 2)).toBeNull();
    expect(estimateSecondsLeft(0.25, 5)).toBe(15);
    expect(estimateSecondsLeft(1, 20)).toBe(0);
  });
});

describe('secondsLeftAtPace', () => {
  it('counts the pace from the first report, not from the start of the job', () => {
    // First report at 10 s (5 %), now 20 s at 55 %: 50 % in 10 s, so 45 % takes 9 s more.
    expect(secondsLeftAtPace({ atMs: 10_000, share: 0.05 }, 0.55, 20_000)).toBeCloseTo(9, 9);
    expect(secondsLeftAtPace({ atMs: 10_000, share: 0.05 }, 0.07, 11_000)).toBeNull();
    expect(secondsLeftAtPace({ atMs: 10_000, share: 0.05 }, 1, 30_000)).toBe(0);
  });
});
