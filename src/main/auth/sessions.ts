// Sessions: a random token goes to the screen once; the database keeps only its SHA-256, so a copied
// database holds nothing that signs anyone in. Every call turns the token back into the person it belongs to.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { SessionUser } from '../ipc/dispatch';

const TOKEN_BYTES = 32;
/** last_seen_at is for "who was here when"; minute precision is enough and saves a write on every call. */
export const LAST_SEEN_PRECISION_MS = 60_000;
const HOUR_MS = 60 * 60_000;

export function newSessionToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewSession {
  id: string;
  token: string;
  expiresAt: string;
}

/** Starts a session; call inside the transaction that signs the person in. */
export async function startSession(
  db: Kysely<Database>,
  userId: string,
  { now, hours }: { now: Date; hours: number },
): Promise<NewSession> {
  const token = newSessionToken();
  const id = randomUUID();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + hours * HOUR_MS).toISOString();
  await db
    .insertInto('user_sessions')
    .values({
      id,
      user_id: userId,
      token_hash: hashSessionToken(token),
      created_at: at,
      expires_at: expiresAt,
      last_seen_at: at,
    })
    .execute();
  return { id, token, expiresAt };
}

export interface LiveSession {
  id: string;
  expiresAt: string;
  lastSeenAt: string;
  user: SessionUser;
}

/** The unexpired session of an active person that this token belongs to, or null. */
export async function findLiveSession(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<LiveSession | null> {
  const row = await db
    .selectFrom('user_sessions')
    .innerJoin('users', 'users.id', 'user_sessions.user_id')
    .select([
      'user_sessions.id as sessionId',
      'user_sessions.expires_at',
      'user_sessions.last_seen_at',
      'users.id as userId',
      'users.name',
      'users.role',
    ])
    .where('user_sessions.token_hash', '=', hashSessionToken(token))
    .where('user_sessions.expires_at', '>', now.toISOString())
    .where('users.active', '=', 1)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.sessionId,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
    user: { id: row.userId, name: row.name, role: row.role },
  };
}

/**
 * The person a call's token belongs to, or null (unknown, expired, or the person was deactivated). Marks
 * the session as seen, at most once a minute.
 */
export async function resolveSessionUser(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<SessionUser | null> {
  const session = await findLiveSession(db, token, now);
  if (!session) return null;
  if (now.getTime() - Date.parse(session.lastSeenAt) >= LAST_SEEN_PRECISION_MS) {
    try {
      await db
        .updateTable('user_sessions')
        .set({ last_seen_at: now.toISOString() })
        .where('id', '=', session.id)
        .execute();
    } catch (error) {
      // Bookkeeping only: a full disk or a busy database must not refuse the person's call. The hosts log
      // process warnings (system/unexpected-errors.ts).
      process.emitWarning(`A session's last-seen time was not saved: ${(error as Error).message}`, {
        type: 'MagnumBookkeeping',
        code: (error as { code?: string }).code,
      });
    }
  }
  return session.user;
}

/** Ends the session this token belongs to; returns its id, or null when there was none. */
export async function endSession(db: Kysely<Database>, token: string): Promise<string | null> {
  const row = await db
    .deleteFrom('user_sessions')
    .where('token_hash', '=', hashSessionToken(token))
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function endSessionsOf(db: Kysely<Database>, userId: string): Promise<number> {
  const result = await db.deleteFrom('user_sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
