// For tests: a cheap scrypt cost (the real one is deliberately slow) and a clock a test can move.
import type { Kysely } from 'kysely';
import type { Database, UserRole } from '../../../db/schema';
import { createUser } from '../users/service';
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

/** Adds a person with a PIN at the cheap test cost, as a manager would; returns their id. */
export async function addTestPerson(
  db: Kysely<Database>,
  clock: Pick<TestClock, 'now'>,
  { name, role, pin }: { name: string; role: UserRole; pin: string },
): Promise<string> {
  const user = await createUser(db, { name, role, pin }, null, {
    now: clock.now(),
    pinParams: FAST_PIN_PARAMS,
  });
  return user.id;
}
