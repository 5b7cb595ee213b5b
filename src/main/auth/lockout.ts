// The wrong-PIN lockout, as pure functions of the user's counter and the clock. Five tries are free (fat
// fingers in gloves); from the fifth wrong PIN on, each one locks the person out for twice as long as the
// last, from one minute up to an hour. A correct PIN resets the count.

export const FREE_ATTEMPTS = 5;
export const FIRST_LOCK_MS = 60_000;
export const MAX_LOCK_MS = 60 * 60_000;

export interface PinAttemptState {
  failedAttempts: number;
  /** ISO timestamp, or null when not locked. */
  lockedUntil: string | null;
}

/** How long the lock lasts after this many wrong PINs in a row: 0 below five, then 1, 2, 4 … 60 minutes. */
export function lockDurationMs(failedAttempts: number): number {
  if (failedAttempts < FREE_ATTEMPTS) return 0;
  const doublings = failedAttempts - FREE_ATTEMPTS;
  // Capped before shifting, so a huge counter cannot overflow into a short lock.
  return doublings >= 6 ? MAX_LOCK_MS : Math.min(FIRST_LOCK_MS * 2 ** doublings, MAX_LOCK_MS);
}

/** Milliseconds left on the lock, or 0 when the person may try a PIN now. */
export function remainingLockMs(state: PinAttemptState, now: Date): number {
  if (!state.lockedUntil) return 0;
  return Math.max(0, Date.parse(state.lockedUntil) - now.getTime());
}

/** The state after one more wrong PIN. */
export function afterWrongPin(state: PinAttemptState, now: Date): PinAttemptState {
  const failedAttempts = state.failedAttempts + 1;
  const lockMs = lockDurationMs(failedAttempts);
  return {
    failedAttempts,
    lockedUntil: lockMs > 0 ? new Date(now.getTime() + lockMs).toISOString() : null,
  };
}

export const AFTER_RIGHT_PIN: PinAttemptState = { failedAttempts: 0, lockedUntil: null };

/** Wrong PINs left before the next lock (0 once locking has started: every further miss locks again). */
export function triesLeftBeforeLock(failedAttempts: number): number {
  return Math.max(0, FREE_ATTEMPTS - failedAttempts);
}

/** "1 minute", "4 minutes", "1 hour": rounded up, so the person never comes back too early. */
export function describeWait(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes >= 60 && minutes % 60 === 0) {
    const hours = minutes / 60;
    return hours === 1 ? '1 hour' : `${hours} hours`;
  }
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
