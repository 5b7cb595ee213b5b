// For tests: a cheap scrypt cost (the real one is deliberately slow) and a clock a test can move.
import type { Kysely } from 'kysely';
import type { Database, UserRole } from '../../../db/schema';
import { openTempDatabase, type TempDatabase } from '../../../db/test-support';
import { createUser } from '../users/service';
import type { PinHashParams } from './pin';
import { createAuthService, type AuthService } from './service';

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

/** A fresh database with one person and a sign-in service on a test clock; `t.dispose()` when done. */
export interface SignInBench {
  t: TempDatabase;
  clock: TestClock;
  auth: AuthService;
  personId: string;
}

export async function openSignInBench(
  person: { name: string; role: UserRole; pin: string } = { name: 'Tom Reed', role: 'crew', pin: '2468' },
): Promise<SignInBench> {
  const t = await openTempDatabase();
  const clock = testClock('2025-06-01T09:00:00.000Z');
  const auth = createAuthService(t.db, { now: clock.now, pinParams: FAST_PIN_PARAMS });
  return { t, clock, auth, personId: await addTestPerson(t.db, clock, person) };
}
