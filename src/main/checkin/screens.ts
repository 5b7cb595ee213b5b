// Check-in screens: an admin turns a screen into passenger check-in and main gives it a random device token;
// the database keeps only the token's SHA-256 (as for sessions), so a copied database opens no check-in form.
// The passenger channels are public, so this token is what stops anyone else on the network from sending
// check-ins; a staff member's sign-in on the screen revokes it.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import type { Database } from '../../../db/schema';
import { RATE_WINDOW_MINUTES, SUBMITS_PER_WINDOW } from '../../shared/checkin';
import { hashSessionToken, newSessionToken } from '../auth/sessions';
import { AppFailure } from '../errors';

export const NOT_A_CHECKIN_SCREEN =
  'This screen is not set up for passenger check-in (or it was given back to the crew). Ask the crew to set it up again.';

export async function createCheckinScreen(
  db: Kysely<Database>,
  userId: string,
  now: Date,
): Promise<{ id: string; token: string }> {
  const token = newSessionToken();
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('checkin_screens')
      .values({ id, token_hash: hashSessionToken(token), created_by: userId, created_at: now.toISOString() })
      .execute();
    await writeAuditLog(trx, { userId, action: 'create', entityType: 'checkin_screen', entityId: id });
  });
  return { id, token };
}

/**
 * The id of the live (unrevoked) check-in screen this token belongs to; refuses in plain words otherwise, as
 * NOT_FOUND (no such screen): the channel itself is open to anyone, so it is not an access refusal.
 */
export async function requireCheckinScreen(db: Kysely<Database>, token: string): Promise<string> {
  const row = await db
    .selectFrom('checkin_screens')
    .select('id')
    .where('token_hash', '=', hashSessionToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new AppFailure('NOT_FOUND', NOT_A_CHECKIN_SCREEN);
  return row.id;
}

/** Revokes the screen's token; true when there was a live one. */
export async function revokeCheckinScreen(
  db: Kysely<Database>,
  token: string,
  userId: string,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('checkin_screens')
      .set({ revoked_at: now.toISOString(), revoked_by: userId })
      .where('token_hash', '=', hashSessionToken(token))
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!row) return false;
    await writeAuditLog(trx, { userId, action: 'revoke', entityType: 'checkin_screen', entityId: row.id });
    return true;
  });
}

export async function countLiveScreens(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('checkin_screens')
    .select((eb) => eb.fn.countAll<number>().as('live'))
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.live);
}

/** Revokes every live check-in screen's token (a tablet lost or taken); returns how many were live. */
export async function revokeAllCheckinScreens(
  db: Kysely<Database>,
  userId: string,
  now: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable('checkin_screens')
      .set({ revoked_at: now.toISOString(), revoked_by: userId })
      .where('revoked_at', 'is', null)
      .returning('id')
      .execute();
    for (const row of rows) {
      await writeAuditLog(trx, { userId, action: 'revoke', entityType: 'checkin_screen', entityId: row.id });
    }
    return rows.length;
  });
}

/** At most SUBMITS_PER_WINDOW check-ins per screen in a sliding window: a stuck or abused screen cannot flood. */
export function createSubmitLimiter(limit = SUBMITS_PER_WINDOW, windowMs = RATE_WINDOW_MINUTES * 60_000) {
  const sent = new Map<string, number[]>();
  return {
    /** Counts one submission, or refuses when the screen has sent too many lately. */
    admit(screenId: string, now: Date): void {
      const since = now.getTime() - windowMs;
      const recent = (sent.get(screenId) ?? []).filter((at) => at > since);
      if (recent.length >= limit) {
        sent.set(screenId, recent);
        throw new AppFailure(
          'RATE_LIMITED',
          'This screen has sent many check-ins in a few minutes. Wait a few minutes, or ask the crew to check you in.',
        );
      }
      recent.push(now.getTime());
      sent.set(screenId, recent);
    },
  };
}
