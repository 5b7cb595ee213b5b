import { describe, expect, it } from 'vitest';
import {
  AFTER_RIGHT_PIN,
  afterWrongPin,
  describeWait,
  lockDurationMs,
  remainingLockMs,
  triesLeftBeforeLock,
  type PinAttemptState,
} from './lockout';

const MINUTE = 60_000;
const now = new Date('2025-06-01T09:00:00.000Z');

describe('the lockout schedule', () => {
  it('lets the first four wrong PINs through without a lock', () => {
    expect([0, 1, 2, 3, 4].map(lockDurationMs)).toEqual([0, 0, 0, 0, 0]);
  });

  it('locks for 1 minute at the fifth wrong PIN and doubles with each further one, up to an hour', () => {
    expect([5, 6, 7, 8, 9, 10, 11, 12].map((n) => lockDurationMs(n) / MINUTE)).toEqual([
      1, 2, 4, 8, 16, 32, 60, 60,
    ]);
  });

  it('never wraps to a short lock however many wrong PINs pile up', () => {
    expect(lockDurationMs(1_000_000)).toBe(60 * MINUTE);
  });
});

describe('a wrong PIN', () => {
  it('counts up and sets the lock end from the clock once the free tries are used', () => {
    let state: PinAttemptState = AFTER_RIGHT_PIN;
    for (let i = 0; i < 4; i++) state = afterWrongPin(state, now);
    expect(state).toEqual({ failedAttempts: 4, lockedUntil: null });
    state = afterWrongPin(state, now);
    expect(state).toEqual({ failedAttempts: 5, lockedUntil: '2025-06-01T09:01:00.000Z' });
    expect(afterWrongPin(state, now).lockedUntil).toBe('2025-06-01T09:02:00.000Z');
  });
});

describe('remainingLockMs', () => {
  it('is the time left on a lock, and 0 once it has passed or when there is none', () => {
    const locked = { failedAttempts: 5, lockedUntil: '2025-06-01T09:01:00.000Z' };
    expect(remainingLockMs(locked, now)).toBe(MINUTE);
    expect(remainingLockMs(locked, new Date('2025-06-01T09:01:00.000Z'))).toBe(0);
    expect(remainingLockMs(AFTER_RIGHT_PIN, now)).toBe(0);
  });
});

describe('triesLeftBeforeLock', () => {
  it('counts down from five and stays at zero once locking has begun', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(triesLeftBeforeLock)).toEqual([5, 4, 3, 2, 1, 0, 0]);
  });
});

describe('describeWait', () => {
  it('rounds up to whole minutes so nobody comes back too early', () => {
    expect(describeWait(1)).toBe('1 minute');
    expect(describeWait(MINUTE)).toBe('1 minute');
    expect(describeWait(MINUTE + 1)).toBe('2 minutes');
    expect(describeWait(59 * MINUTE + 30_000)).toBe('1 hour');
    expect(describeWait(60 * MINUTE)).toBe('1 hour');
  });
});
