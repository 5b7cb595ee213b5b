import { describe, expect, it } from 'vitest';
import { defaultFlightTime } from './flight-time';

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
