import { describe, expect, it } from 'vitest';
import { readClockTime } from './describe-rule';

describe('readClockTime', () => {
  it('reads the number pad’s ways of typing a time', () => {
    expect(readClockTime('18.30')).toBe('18:30');
    expect(readClockTime('18:30')).toBe('18:30');
    expect(readClockTime('1830')).toBe('18:30');
    expect(readClockTime('9')).toBe('09:00');
    expect(readClockTime('9.05')).toBe('09:05');
  });

  it('refuses what is not a time of day', () => {
    expect(readClockTime('24.00')).toBeNull();
    expect(readClockTime('18.75')).toBeNull();
    expect(readClockTime('sunset')).toBeNull();
    expect(readClockTime('')).toBeNull();
  });
});
