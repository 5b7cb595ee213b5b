// Who the check-in form offers as pilot and as staff member: active people only, in name order.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { Roster } from '../../shared/users';

export async function readRoster(db: Kysely<Database>): Promise<Roster> {
  const people = await db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('active', '=', 1)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return {
    pilots: people.filter((person) => person.role === 'pilot'),
    staff: people.filter((person) => person.role === 'crew' || person.role === 'admin'),
  };
}
