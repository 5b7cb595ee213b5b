// Who is at the kiosk: first-start setup of the first admin, sign-in by name tile and PIN with a growing
// lockout, sign-out, and the session behind every call. Every sign-in, sign-out and failed sign-in is audited.
import type { Kysely } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import type { Database, User } from '../../../db/schema';
import type { AuthStatus, SessionInfo } from '../../shared/auth';
import { AppFailure } from '../errors';
import type { SessionUser } from '../ipc/dispatch';
import { readKioskSettings } from '../settings/service';
import { insertUser } from '../users/service';
import {
  AFTER_RIGHT_PIN,
  afterWrongPin,
  describeWait,
  remainingLockMs,
  triesLeftBeforeLock,
  type PinAttemptState,
} from './lockout';
import { hashPin, verifyPin, type PinHashParams } from './pin';
import { endSession, findLiveSession, resolveSessionUser, startSession } from './sessions';

export interface AuthOptions {
  /** The clock; tests move it to reach lockout ends and session expiry. */
  now?: () => Date;
  /** scrypt cost for new PINs; tests pass a low one. */
  pinParams?: PinHashParams;
}

/** Warn about the lockout only when it is close; "4 tries left" after one slip is noise. */
const WARN_WHEN_TRIES_LEFT = 3;

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(db: Kysely<Database>, options: AuthOptions = {}) {
  const clock = options.now ?? (() => new Date());

  async function sessionInfo(
    trx: Kysely<Database>,
    user: SessionUser,
    previousToken: string | null,
    now: Date,
  ): Promise<SessionInfo> {
    const settings = await readKioskSettings(trx);
    // The screen that signs in again (after an idle lock) gets a fresh token; its old one is no use to anyone.
    if (previousToken) {
      const previous = await findLiveSession(trx, previousToken, now);
      if (previous?.user.id === user.id) await endSession(trx, previousToken);
    }
    const session = await startSession(trx, user.id, { now, hours: settings.sessionHours });
    await writeAuditLog(trx, {
      userId: user.id,
      action: 'sign_in',
      entityType: 'session',
      entityId: session.id,
      after: { expires_at: session.expiresAt },
    });
    return {
      token: session.token,
      user,
      expiresAt: session.expiresAt,
      idleLockMinutes: settings.idleLockMinutes,
    };
  }

  /** Records a refused sign-in (never the PIN) and returns the refusal for the caller to throw. */
  async function refuse(
    user: Pick<User, 'id'> | null,
    reason: string,
    failure: AppFailure,
    extra: Record<string, unknown> = {},
  ): Promise<AppFailure> {
    await writeAuditLog(db, {
      userId: user?.id ?? null,
      action: 'sign_in_failed',
      entityType: 'session',
      after: { reason, ...extra },
    });
    return failure;
  }

  return {
    async status(): Promise<AuthStatus> {
      const [admin, people, settings] = await Promise.all([
        db
          .selectFrom('users')
          .select('id')
          .where('role', '=', 'admin')
          .where('active', '=', 1)
          .executeTakeFirst(),
        db
          .selectFrom('users')
          .select(['id', 'name', 'role'])
          .where('active', '=', 1)
          .where('pin_hash', 'is not', null)
          .orderBy('name')
          .execute(),
        readKioskSettings(db),
      ]);
      return { needsSetup: !admin, people, idleLockMinutes: settings.idleLockMinutes };
    },

    /** First start only: creates the first admin and signs them in. */
    async setup({ name, pin }: { name: string; pin: string }): Promise<SessionInfo> {
      const pinHash = await hashPin(pin, options.pinParams);
      const now = clock();
      return db.transaction().execute(async (trx) => {
        const admin = await trx
          .selectFrom('users')
          .select('id')
          .where('role', '=', 'admin')
          .where('active', '=', 1)
          .executeTakeFirst();
        if (admin) {
          throw new AppFailure(
            'CONFLICT',
            'This kiosk already has an admin. Sign in with your name and PIN, or ask an admin to add you.',
          );
        }
        const user = await insertUser(trx, { name, role: 'admin' }, pinHash, now);
        await writeAuditLog(trx, {
          userId: user.id,
          action: 'setup',
          entityType: 'user',
          entityId: user.id,
          after: { name: user.name, role: user.role },
        });
        return sessionInfo(trx, { id: user.id, name: user.name, role: user.role }, null, now);
      });
    },

    async signIn(
      { userId, pin }: { userId: string; pin: string },
      previousToken: string | null,
    ): Promise<SessionInfo> {
      const now = clock();
      const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
      if (!user) {
        throw await refuse(
          null,
          'unknown_user',
          new AppFailure('NOT_FOUND', 'That name is no longer on the list. Go back and tap your name again.'),
          { tried_user_id: userId },
        );
      }
      if (user.active !== 1) {
        throw await refuse(
          user,
          'inactive',
          new AppFailure('UNAUTHENTICATED', `${user.name} can no longer sign in here. Ask a manager.`),
        );
      }
      if (!user.pin_hash) {
        throw await refuse(
          user,
          'no_pin',
          new AppFailure('UNAUTHENTICATED', `${user.name} has no PIN yet. Ask a manager to set one.`),
        );
      }
      const state: PinAttemptState = {
        failedAttempts: user.failed_pin_attempts,
        lockedUntil: user.locked_until,
      };
      const waitMs = remainingLockMs(state, now);
      // While locked, even the right PIN is refused and not checked: the lock is what slows guessing down.
      if (waitMs > 0) {
        throw await refuse(user, 'locked', new AppFailure('UNAUTHENTICATED', lockedMessage(waitMs)), {
          locked_until: user.locked_until,
        });
      }

      if (!(await verifyPin(pin, user.pin_hash))) {
        const failure = await db.transaction().execute(async (trx) => {
          // Read again inside the transaction: two screens may be failing for the same person at once.
          const current = await trx
            .selectFrom('users')
            .select(['failed_pin_attempts', 'locked_until'])
            .where('id', '=', user.id)
            .executeTakeFirstOrThrow();
          const next = afterWrongPin(
            { failedAttempts: current.failed_pin_attempts, lockedUntil: current.locked_until },
            now,
          );
          await trx
            .updateTable('users')
            .set({ failed_pin_attempts: next.failedAttempts, locked_until: next.lockedUntil })
            .where('id', '=', user.id)
            .execute();
          await writeAuditLog(trx, {
            userId: user.id,
            action: 'sign_in_failed',
            entityType: 'session',
            after: {
              reason: 'wrong_pin',
              failed_pin_attempts: next.failedAttempts,
              locked_until: next.lockedUntil,
            },
          });
          return new AppFailure('UNAUTHENTICATED', wrongPinMessage(next, now));
        });
        throw failure;
      }

      return db.transaction().execute(async (trx) => {
        if (user.failed_pin_attempts > 0 || user.locked_until !== null) {
          await trx
            .updateTable('users')
            .set({
              failed_pin_attempts: AFTER_RIGHT_PIN.failedAttempts,
              locked_until: AFTER_RIGHT_PIN.lockedUntil,
            })
            .where('id', '=', user.id)
            .execute();
        }
        return sessionInfo(trx, { id: user.id, name: user.name, role: user.role }, previousToken, now);
      });
    },

    /** Ends this screen's session (the token the call carried). */
    async signOut(token: string | null, user: SessionUser | null): Promise<{ signedOut: true }> {
      if (!token) return { signedOut: true };
      await db.transaction().execute(async (trx) => {
        const sessionId = await endSession(trx, token);
        if (sessionId) {
          await writeAuditLog(trx, {
            userId: user?.id ?? null,
            action: 'sign_out',
            entityType: 'session',
            entityId: sessionId,
          });
        }
      });
      return { signedOut: true };
    },

    async session(token: string | null): Promise<Omit<SessionInfo, 'token'>> {
      const session = token ? await findLiveSession(db, token, clock()) : null;
      if (!session) throw new AppFailure('UNAUTHENTICATED', 'Please sign in with your name and PIN.');
      const settings = await readKioskSettings(db);
      return { user: session.user, expiresAt: session.expiresAt, idleLockMinutes: settings.idleLockMinutes };
    },

    /** The dispatcher's `resolveUser`: the person behind a call's token, or null. */
    resolveUser(token: string): Promise<SessionUser | null> {
      return resolveSessionUser(db, token, clock());
    },
  };
}

export function lockedMessage(waitMs: number): string {
  return `Too many wrong PINs. Try again in ${describeWait(waitMs)}, or ask a manager to reset your PIN.`;
}

export function wrongPinMessage(state: PinAttemptState, now: Date): string {
  const waitMs = remainingLockMs(state, now);
  if (waitMs > 0) return `That PIN is not right. ${lockedMessage(waitMs)}`;
  const left = triesLeftBeforeLock(state.failedAttempts);
  if (left > WARN_WHEN_TRIES_LEFT) return 'That PIN is not right. Try again.';
  return `That PIN is not right. ${left === 1 ? '1 try' : `${left} tries`} left before a short lockout.`;
}
