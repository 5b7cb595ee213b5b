// Staff and pilots as data: an admin adds people with their first PIN, renames them, changes their role,
// deactivates them and resets PINs. The kiosk always keeps one active admin, or nobody could manage it.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import type { Database, User, UserRole } from '../../../db/schema';
import { FOLD_CASE_SQL, foldCase } from '../../../db/unicode';
import type { UserSummary } from '../../shared/users';
import { userVisibleTo, type Viewer } from '../access/rules';
import { endSessionsOf } from '../auth/sessions';
import { hashPin, type PinHashParams } from '../auth/pin';
import { AppFailure } from '../errors';

/**
 * `lockedUntil` is the later of the two locks still running (tries on the kiosk machine, tries from the
 * network): the person is locked out somewhere until then, and a New PIN lifts both.
 */
export function toUserSummary(user: User, now: Date): UserSummary {
  return {
    id: user.id,
    name: user.name,
    role: user.role,
    active: user.active === 1,
    hasPin: user.pin_hash !== null,
    lockedUntil: laterRunningLock([user.locked_until, user.network_locked_until], now),
    createdAt: user.created_at,
  };
}

function laterRunningLock(locks: Array<string | null>, now: Date): string | null {
  const running = locks.filter((at): at is string => at !== null && Date.parse(at) > now.getTime());
  // ISO-8601 UTC text sorts as time does.
  return running.sort().at(-1) ?? null;
}

/** Admins see everyone; anyone else only their own row (the data model's users policy). */
export async function listUsers(db: Kysely<Database>, viewer: Viewer, now: Date): Promise<UserSummary[]> {
  const rows = await db
    .selectFrom('users as u')
    .selectAll('u')
    .where(userVisibleTo(viewer))
    .orderBy('u.active', 'desc')
    .orderBy('u.name')
    .execute();
  return rows.map((row) => toUserSummary(row, now));
}

/**
 * People pick their name from a list of tiles, so two active people with the same name (ignoring case, in
 * any script: "Élise" and "élise") could not tell which tile is theirs. The check lives here, not in a
 * unique index: an index on fold_case(name) would make the users table unwritable by any connection
 * without that function (the sqlite3 shell, a backup tool), and lower() would fold A-Z only. The caller's
 * transaction keeps the check and the write together (the kiosk has one writer).
 */
export async function assertNameFree(db: Kysely<Database>, name: string, exceptId?: string): Promise<void> {
  let query = db
    .selectFrom('users')
    .select('id')
    .where('active', '=', 1)
    .where((eb) => eb(eb.fn(FOLD_CASE_SQL, ['name']), '=', foldCase(name)));
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) {
    throw new AppFailure(
      'CONFLICT',
      `Someone called ${name} is already on the list. Add a surname or initial so people can tell the names apart.`,
    );
  }
}

async function countOtherActiveAdmins(db: Kysely<Database>, exceptId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('admins'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.admins);
}

async function findUser(db: Kysely<Database>, id: string): Promise<User> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!user) throw new AppFailure('NOT_FOUND', 'That person is no longer on the list. Reload and try again.');
  return user;
}

export interface NewUserInput {
  name: string;
  role: UserRole;
  pin: string;
}

/** Inserts a person with a hashed PIN; call inside a transaction that also writes the audit entry. */
export async function insertUser(
  db: Kysely<Database>,
  { name, role }: Omit<NewUserInput, 'pin'>,
  pinHash: string,
  now: Date,
): Promise<User> {
  await assertNameFree(db, name);
  const at = now.toISOString();
  return db
    .insertInto('users')
    .values({ id: randomUUID(), name, role, pin_hash: pinHash, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function createUser(
  db: Kysely<Database>,
  input: NewUserInput,
  actingUserId: string | null,
  { now, pinParams }: { now: Date; pinParams?: PinHashParams },
): Promise<UserSummary> {
  const pinHash = await hashPin(input.pin, pinParams);
  return db.transaction().execute(async (trx) => {
    const user = await insertUser(trx, input, pinHash, now);
    await writeAuditLog(trx, {
      userId: actingUserId,
      action: 'create',
      entityType: 'user',
      entityId: user.id,
      after: { name: user.name, role: user.role, active: true },
    });
    return toUserSummary(user, now);
  });
}

export interface UserChange {
  id: string;
  name?: string | undefined;
  role?: UserRole | undefined;
  active?: boolean | undefined;
}

/** Renames, changes role, deactivates or reactivates. Deactivating also ends the person's sessions. */
export async function updateUser(
  db: Kysely<Database>,
  change: UserChange,
  actingUserId: string | null,
  now: Date,
): Promise<UserSummary> {
  return db.transaction().execute(async (trx) => {
    const before = await findUser(trx, change.id);
    const wasActive = before.active === 1;
    const name = change.name ?? before.name;
    const role = change.role ?? before.role;
    const active = change.active ?? wasActive;

    const losesAdmin = before.role === 'admin' && wasActive && (role !== 'admin' || !active);
    if (losesAdmin && (await countOtherActiveAdmins(trx, before.id)) === 0) {
      throw new AppFailure(
        'CONFLICT',
        `${before.name} is the last active admin. Make someone else an admin first, so the kiosk can still be managed.`,
      );
    }
    if (active && (name !== before.name || !wasActive)) await assertNameFree(trx, name, before.id);

    const user = await trx
      .updateTable('users')
      .set({ name, role, active: active ? 1 : 0, updated_at: now.toISOString() })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (wasActive && !active) await endSessionsOf(trx, user.id);

    const changed = (['name', 'role', 'active'] as const).filter(
      (field) => summaryOf(before)[field] !== summaryOf(user)[field],
    );
    if (changed.length > 0) {
      await writeAuditLog(trx, {
        userId: actingUserId,
        action: 'update',
        entityType: 'user',
        entityId: user.id,
        before: pick(summaryOf(before), changed),
        after: pick(summaryOf(user), changed),
      });
    }
    return toUserSummary(user, now);
  });
}

export interface PinReset {
  user: UserSummary;
  /**
   * Wrong PINs counted before the reset (on the kiosk machine, from the network), and the later of their
   * locks if one was still running.
   */
  before: { failedPinAttempts: number; networkFailedPinAttempts: number; lockedUntil: string | null };
  sessionsEnded: number;
}

/**
 * A new PIN, any lockout lifted, and the person's sessions ended: whoever knew the old PIN may have signed
 * in with it. `via` says in the audit entry where the reset came from when it was not a signed-in admin.
 */
export async function resetPinAndSignOut(
  db: Kysely<Database>,
  { id, pin }: { id: string; pin: string },
  actingUserId: string | null,
  { now, pinParams, via }: { now: Date; pinParams?: PinHashParams; via?: string },
): Promise<PinReset> {
  const pinHash = await hashPin(pin, pinParams);
  return db.transaction().execute(async (trx) => {
    const before = await findUser(trx, id);
    const user = await trx
      .updateTable('users')
      .set({
        pin_hash: pinHash,
        failed_pin_attempts: 0,
        locked_until: null,
        network_failed_pin_attempts: 0,
        network_locked_until: null,
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const sessionsEnded = await endSessionsOf(trx, id);
    // Never the PIN or its hash: only that it changed, whether a lockout was lifted and who was signed out.
    await writeAuditLog(trx, {
      userId: actingUserId,
      action: 'reset_pin',
      entityType: 'user',
      entityId: id,
      before: {
        had_pin: before.pin_hash !== null,
        failed_pin_attempts: before.failed_pin_attempts,
        network_failed_pin_attempts: before.network_failed_pin_attempts,
      },
      after: {
        had_pin: true,
        failed_pin_attempts: 0,
        network_failed_pin_attempts: 0,
        sessions_ended: sessionsEnded,
        ...(via ? { via } : {}),
      },
    });
    return {
      user: toUserSummary(user, now),
      before: {
        failedPinAttempts: before.failed_pin_attempts,
        networkFailedPinAttempts: before.network_failed_pin_attempts,
        lockedUntil: toUserSummary(before, now).lockedUntil,
      },
      sessionsEnded,
    };
  });
}

/** An admin's **New PIN**: the person is standing at the kiosk with a manager. */
export async function resetUserPin(
  db: Kysely<Database>,
  input: { id: string; pin: string },
  actingUserId: string | null,
  options: { now: Date; pinParams?: PinHashParams },
): Promise<UserSummary> {
  return (await resetPinAndSignOut(db, input, actingUserId, options)).user;
}

const summaryOf = (user: User) => ({ name: user.name, role: user.role, active: user.active === 1 });

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, value[key]])) as Pick<T, K>;
}
