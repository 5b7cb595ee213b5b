// The lockout in the database: a PIN try is counted *before* the slow hash runs, in one write, so screens
// trying at the same moment cannot all slip past the lock. The row is the only source of truth; nothing
// here is remembered in memory. Each person has two counters, each with its own lock: tries on the kiosk
// machine and tries from the network (see kiosk-machine.ts), so the network can never lock the screen out.
import type { Kysely } from 'kysely';
import type { Database, User } from '../../../db/schema';
import type { PinCounter } from './kiosk-machine';
import { AFTER_RIGHT_PIN, afterWrongPin, type PinAttemptState } from './lockout';

/** The columns of each counter. */
const COUNTER_COLUMNS = {
  local: { attempts: 'failed_pin_attempts', lockedUntil: 'locked_until' },
  network: { attempts: 'network_failed_pin_attempts', lockedUntil: 'network_locked_until' },
} as const;

/** Why a try was refused without looking at the PIN. */
export type UncheckedReason = 'unknown_user' | 'inactive' | 'no_pin' | 'locked';

export type PinAttempt =
  /** The try is counted as wrong until the PIN proves right; `state` is the lockout it leaves behind then. */
  | { kind: 'check'; user: User & { pin_hash: string }; state: PinAttemptState }
  /** `lockedUntil` is the lock of the counter the try was for. */
  | { kind: 'refused'; reason: UncheckedReason; user: User | null; lockedUntil: string | null };

/**
 * Counts one PIN try against this person's `counter`, or says why none may be made now. The first
 * statement is the UPDATE, so the transaction holds SQLite's write lock from its start (as BEGIN IMMEDIATE
 * would): of any number of simultaneous tries, only those that find the counter unlocked are counted, and
 * the fifth counted one sets its lock before its PIN is even hashed.
 */
export async function reservePinAttempt(
  db: Kysely<Database>,
  userId: string,
  counter: PinCounter,
  now: Date,
): Promise<PinAttempt> {
  const { attempts, lockedUntil } = COUNTER_COLUMNS[counter];
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const counted = await trx
      .updateTable('users')
      .set(attempts, (eb) => eb(attempts, '+', 1))
      .where('id', '=', userId)
      .where('active', '=', 1)
      .where('pin_hash', 'is not', null)
      .where((eb) => eb.or([eb(lockedUntil, 'is', null), eb(lockedUntil, '<=', at)]))
      .returningAll()
      .executeTakeFirst();
    if (!counted?.pin_hash) {
      const user = await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
      return {
        kind: 'refused',
        reason: uncheckedReason(user),
        user: user ?? null,
        lockedUntil: user?.[lockedUntil] ?? null,
      };
    }
    const state = afterWrongPin(
      { failedAttempts: counted[attempts] - 1, lockedUntil: counted[lockedUntil] },
      now,
    );
    if (state.lockedUntil !== counted[lockedUntil]) {
      await trx.updateTable('users').set(lockedUntil, state.lockedUntil).where('id', '=', userId).execute();
    }
    return { kind: 'check', user: { ...counted, pin_hash: counted.pin_hash }, state };
  });
}

function uncheckedReason(user: User | undefined): UncheckedReason {
  if (!user) return 'unknown_user';
  if (user.active !== 1) return 'inactive';
  if (!user.pin_hash) return 'no_pin';
  return 'locked';
}

/**
 * The right PIN clears the count and the lock of the counter it was tried against, and only that one: a
 * person signing in at the kiosk does not give the network a fresh set of guesses. Only while the PIN that
 * was checked is still the person's PIN and they are still active: a manager may have reset it or
 * deactivated them during the hash. Call inside the transaction that starts the session; false means the
 * try must be refused.
 */
export async function settleRightPin(
  db: Kysely<Database>,
  user: Pick<User, 'id'> & { pin_hash: string },
  counter: PinCounter,
): Promise<boolean> {
  const { attempts, lockedUntil } = COUNTER_COLUMNS[counter];
  const result = await db
    .updateTable('users')
    .set(attempts, AFTER_RIGHT_PIN.failedAttempts)
    .set(lockedUntil, AFTER_RIGHT_PIN.lockedUntil)
    .where('id', '=', user.id)
    .where('pin_hash', '=', user.pin_hash)
    .where('active', '=', 1)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
