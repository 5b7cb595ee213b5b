// For tests: a cheap scrypt cost (the real one is deliberately slow) and a clock a test can move.
import type { PinHashParams } from './pin';

export const FAST_PIN_PARAMS: PinHashParams = { N: 1024, r: 8, p: 1 };

export interface TestClock {
  now: () => Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export function testClock(startIso = '2025-06-01T09:00:00.000Z'): TestClock {
  let current = Date.parse(startIso);
  return {
    now: () => new Date(current),
    set: (iso) => {
      current = Date.parse(iso);
    },
    advance: (ms) => {
      current += ms;
    },
  };
}
