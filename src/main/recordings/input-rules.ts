// Small input rules services share, so a bad value becomes a VALIDATION error the screen can show instead
// of an SQLite constraint message. The database enforces the same rules underneath.
import type { Kysely } from 'kysely';
import type { Database, UserRole } from '../../../db/schema';
import { AppFailure } from '../errors';

/** Accepts anything Date can parse and stores it as toISOString() text, the only shape the schema allows. */
export function toUtcTimestamp(value: string, field: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new AppFailure('VALIDATION', `${value} is not a date and time.`, [
      { path: field, message: 'not a date' },
    ]);
  }
  return date.toISOString();
}

/** Trims an optional e-mail address; empty becomes null; anything without a name@host shape is refused. */
export function optionalEmail(value: string | null | undefined, field: string): string | null | undefined {
  if (value === undefined) return undefined;
  const trimmed = value?.trim() ?? '';
  if (!trimmed) return null;
  if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) {
    throw new AppFailure('VALIDATION', `${trimmed} does not look like an e-mail address.`, [
      { path: field, message: 'not an e-mail address' },
    ]);
  }
  return trimmed;
}

/** Trims free text; blank becomes null. */
export const normaliseText = (value: string | null | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/** Refuses a pilot or staff member who is not an active user of the right role. */
export async function assertUserRole(db: Kysely<Database>, userId: string, roles: UserRole[], what: string) {
  const user = await db
    .selectFrom('users')
    .select(['role', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.active !== 1 || !roles.includes(user.role)) {
    throw new AppFailure('VALIDATION', `The ${what} chosen is not an active ${roles.join(' or ')}.`, [
      {
        path: what === 'pilot' ? 'pilot_id' : 'staff_member',
        message: `not an active ${roles.join(' or ')}`,
      },
    ]);
  }
}
