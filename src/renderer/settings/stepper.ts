// The settings steppers' arithmetic. A step larger than one moves to the next multiple of the step, so the
// numbers stay round: with steps of 5 from a minimum of 1, the scene length goes 1 → 5 → 10 and back 10 → 5 → 1,
// never 5 → 1 → 6.

export interface StepRange {
  min: number;
  max: number;
  step: number;
}

/** The value one tap of − (direction −1) or + (direction 1) gives, kept within min and max. */
export function stepValue(value: number, direction: -1 | 1, { min, max, step }: StepRange): number {
  const next = direction === 1 ? (Math.floor(value / step) + 1) * step : (Math.ceil(value / step) - 1) * step;
  return Math.min(max, Math.max(min, next));
}
