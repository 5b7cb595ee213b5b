import { describe, expect, it } from 'vitest';
import { stepValue } from './stepper';

const SCENE = { min: 1, max: 600, step: 5 };

describe('stepValue', () => {
  it('goes up from the minimum to the first round step: 1 → 5 → 10', () => {
    expect(stepValue(1, 1, SCENE)).toBe(5);
    expect(stepValue(5, 1, SCENE)).toBe(10);
  });

  it('goes down through round steps to the minimum: 10 → 5 → 1', () => {
    expect(stepValue(10, -1, SCENE)).toBe(5);
    expect(stepValue(5, -1, SCENE)).toBe(1);
  });

  it('brings a value saved between steps onto the nearest round step in the direction tapped', () => {
    expect(stepValue(7, 1, SCENE)).toBe(10);
    expect(stepValue(7, -1, SCENE)).toBe(5);
  });

  it('stops at the maximum and the minimum', () => {
    expect(stepValue(600, 1, SCENE)).toBe(600);
    expect(stepValue(598, 1, SCENE)).toBe(600);
    expect(stepValue(1, -1, SCENE)).toBe(1);
  });

  it('counts one at a time when the step is one', () => {
    const minutes = { min: 1, max: 120, step: 1 };
    expect(stepValue(1, 1, minutes)).toBe(2);
    expect(stepValue(2, -1, minutes)).toBe(1);
  });
});
