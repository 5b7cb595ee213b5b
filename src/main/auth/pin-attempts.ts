// The lockout in the database: a PIN try is counted *before* the slow hash runs, in one write, so screens
// trying at the same moment cannot all slip past the lock. The row is the only source of truth; nothing
// here is remembered in memory.
import type { Kysely } from 'kysely';
import type { Database, User } from '../../../db/schema';
import { AFTER_RIGHT_PIN, afterWrongPin, type PinAttemptState } from './lockout';

/** Why a try was refused without looking at the PIN. */
export type UncheckedReason = 'unknown_user' | 'inactive' | 'no_pin' | 'locked';

export type PinAttempt =
  /** The try is counted as wrong until the PIN proves right; `state` is the lockout it leaves behind then. */
  | { kind: 'check'; user: User & { pin_hash: string }; state: PinAttemptState }
  | { kind: 'refused'; reason: UncheckedReason; user: User | null };

/**
 * Counts one PIN try for this person, or says why none may be made now. The first statement is the
 * UPDATE, so the transaction holds SQLite's write lock from its start (as BEGIN IMMEDIATE would): of any
 * number of simultaneous tries, only those that find the person unlocked are counted, and the fifth
 * counted one sets the lock before its PIN is even hashed.
 */
export async function reservePinAttempt(
  db: Kysely<Database>,
  userId: string,
  now: Date,
): Promise<PinAttempt> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const counted = await trx
      .updateTable('users')
      .set((eb) => ({ failed_pin_attempts: eb('failed_pin_attempts', '+', 1) }))
      .where('id', '=', userId)
      .where('active', '=', 1)
      .where('pin_hash', 'is not', null)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
      .returningAll()
      .executeTakeFirst();
    if (!counted?.pin_hash) {
      const user = await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
      return { kind: 'refused', reason: uncheckedReason(user), user: user ?? null };
    }
    const state = afterWrongPin(
      { failedAttempts: counted.failed_pin_attempts - 1, lockedUntil: counted.locked_until },
      now,
    );
    if (state.lockedUntil !== counted.locked_until) {
      await trx
        .updateTable('users')
        .set({ locked_until: state.lockedUntil })
        .where('id', '=', userId)
        .execute();
    }
    return {
      kind: 'check',
      user: { ...counted, pin_hash: counted.pin_hash, locked_until: state.lockedUntil },
      state,
    };
  });
}

function uncheckedReason(user: User | undefined): UncheckedReason {
  if (!user) return 'unknown_user';
  if (user.active !== 1) return 'inactive';
  if (!user.pin_hash) return 'no_pin';
  return 'locked';
}

/**
 * The right PIN clears the count and the lock. Only while the PIN that was checked is still the person's
 * PIN and they are still active: a manager may have reset it or deactivated them during the hash. Call
 * inside the transaction that starts the session; false means the try must be refused.
 */
export async function settleRightPin(
  db: Kysely<Database>,
  user: Pick<User, 'id'> & { pin_hash: string },
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ failed_pin_attempts: AFTER_RIGHT_PIN.failedAttempts, locked_until: AFTER_RIGHT_PIN.lockedUntil })
    .where('id', '=', user.id)
    .where('pin_hash', '=', user.pin_hash)
    .where('active', '=', 1)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
