// Who is at the kiosk: first-start setup of the first admin, sign-in by name tile and PIN with a growing
// lockout, sign-out, and the session behind every call. Every sign-in, sign-out and failed sign-in is audited.
import type { Kysely } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import type { Database } from '../../../db/schema';
import type { AuthStatus, SessionInfo } from '../../shared/auth';
import { AppFailure } from '../errors';
import type { Peer, SessionUser } from '../ipc/dispatch';
import { readKioskSettings } from '../settings/service';
import { insertUser } from '../users/service';
import { pinCounterFor, type PinCounter } from './kiosk-machine';
import { describeWait, remainingLockMs, triesLeftBeforeLock, type PinAttemptState } from './lockout';
import { hashPin, verifyPin, type PinHashParams } from './pin';
import { reservePinAttempt, settleRightPin, type PinAttempt } from './pin-attempts';
import { createRefusalLog, type RefusalLog } from './refusal-log';
import { TOO_MANY_TRIES } from './throttle';
import { endSession, findLiveSession, resolveSessionUser, startSession } from './sessions';

export interface AuthOptions {
  /** The clock; tests move it to reach lockout ends and session expiry. */
  now?: () => Date;
  /** scrypt cost for new PINs; tests pass a low one. */
  pinParams?: PinHashParams;
  /**
   * Counts refused sign-ins into one audit entry a minute. Shared by the app's handlers, which make a
   * service per call; a service of its own gets its own.
   */
  refusals?: RefusalLog;
}

/** Where a call comes from when the caller does not say (tests, the service used directly). */
const LOCAL_PEER: Peer = { connection: 'direct', address: 'local' };

/** Warn about the lockout only when it is close; "4 tries left" after one slip is noise. */
const WARN_WHEN_TRIES_LEFT = 3;

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(db: Kysely<Database>, options: AuthOptions = {}) {
  const clock = options.now ?? (() => new Date());
  const refusals = options.refusals ?? createRefusalLog();

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

  const activeAdmin = (from: Kysely<Database>) =>
    from
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'admin')
      .where('active', '=', 1)
      .executeTakeFirst();

  return {
    async status(): Promise<AuthStatus> {
      const [admin, people, settings] = await Promise.all([
        activeAdmin(db),
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
      // Asked before the slow hash as well as after it: once set up, a burst of setups costs no hashing.
      if (await activeAdmin(db)) throw alreadySetUp();
      const pinHash = await hashPin(pin, options.pinParams);
      const now = clock();
      return db.transaction().execute(async (trx) => {
        if (await activeAdmin(trx)) throw alreadySetUp();
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

    /**
     * Signs a person in. The try is counted before the PIN is hashed (see reservePinAttempt), so a burst
     * of tries for one person checks at most as many PINs as the lockout allows. Tries from the network
     * count against a lock of their own, so they never lock the person out of the kiosk's own screen.
     */
    async signIn(
      { userId, pin }: { userId: string; pin: string },
      previousToken: string | null,
      peer: Peer = LOCAL_PEER,
    ): Promise<SessionInfo> {
      const now = clock();
      const counter = pinCounterFor(peer);
      const attempt = await reservePinAttempt(db, userId, counter, now);
      if (attempt.kind === 'refused') {
        await refusals.record(
          db,
          {
            reason: attempt.reason,
            userId: attempt.user?.id ?? null,
            address: peer.address,
            details: refusalDetails(attempt, userId, counter),
          },
          now,
        );
        throw refusalFor(attempt, counter, now);
      }

      const { user, state } = attempt;
      if (!(await verifyPin(pin, user.pin_hash))) {
        // Already counted when reserved: only the record is left to write.
        await writeAuditLog(db, {
          userId: user.id,
          action: 'sign_in_failed',
          entityType: 'session',
          after: {
            reason: 'wrong_pin',
            failed_pin_attempts: state.failedAttempts,
            locked_until: state.lockedUntil,
            lockout: counter,
            address: peer.address,
          },
        });
        throw new AppFailure('UNAUTHENTICATED', wrongPinMessage(state, now, counter));
      }

      return db.transaction().execute(async (trx) => {
        if (!(await settleRightPin(trx, user, counter))) {
          throw new AppFailure(
            'UNAUTHENTICATED',
            'Your PIN or access changed just now. Tap your name again.',
          );
        }
        return sessionInfo(trx, { id: user.id, name: user.name, role: user.role }, previousToken, now);
      });
    },

    /** The refusal for a try the throttle turned away, recorded once a minute per address. */
    async tooManyTries(peer: Peer): Promise<AppFailure> {
      await refusals.record(
        db,
        { reason: 'too_many_attempts', userId: null, address: peer.address },
        clock(),
      );
      return new AppFailure('RATE_LIMITED', TOO_MANY_TRIES);
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

/** A network lock does not hold at the kiosk itself, so the message says so. */
export function lockedMessage(waitMs: number, counter: PinCounter = 'local'): string {
  const wait = describeWait(waitMs);
  return counter === 'network'
    ? `Too many wrong PINs. Try again in ${wait}, sign in at the kiosk itself, or ask a manager to reset your PIN.`
    : `Too many wrong PINs. Try again in ${wait}, or ask a manager to reset your PIN.`;
}

export function wrongPinMessage(state: PinAttemptState, now: Date, counter: PinCounter = 'local'): string {
  const waitMs = remainingLockMs(state, now);
  if (waitMs > 0) return `That PIN is not right. ${lockedMessage(waitMs, counter)}`;
  const left = triesLeftBeforeLock(state.failedAttempts);
  if (left > WARN_WHEN_TRIES_LEFT) return 'That PIN is not right. Try again.';
  return `That PIN is not right. ${left === 1 ? '1 try' : `${left} tries`} left before a short lockout.`;
}

const alreadySetUp = () =>
  new AppFailure(
    'CONFLICT',
    'This kiosk already has an admin. Sign in with your name and PIN, or ask an admin to add you.',
  );

type Refused = Extract<PinAttempt, { kind: 'refused' }>;

function refusalFor({ reason, user, lockedUntil }: Refused, counter: PinCounter, now: Date): AppFailure {
  if (!user) {
    return new AppFailure(
      'NOT_FOUND',
      'That name is no longer on the list. Go back and tap your name again.',
    );
  }
  switch (reason) {
    case 'inactive':
      return new AppFailure('UNAUTHENTICATED', `${user.name} can no longer sign in here. Ask a manager.`);
    case 'no_pin':
      return new AppFailure('UNAUTHENTICATED', `${user.name} has no PIN yet. Ask a manager to set one.`);
    default:
      // While locked, even the right PIN is refused and not checked: the lock is what slows guessing down.
      return new AppFailure(
        'UNAUTHENTICATED',
        lockedMessage(remainingLockMs({ failedAttempts: 0, lockedUntil }, now), counter),
      );
  }
}

/** What the audit entry says besides the reason: never the PIN. */
function refusalDetails(
  { reason, lockedUntil }: Refused,
  triedUserId: string,
  counter: PinCounter,
): Record<string, unknown> {
  if (reason === 'unknown_user') return { tried_user_id: triedUserId };
  if (reason === 'locked') return { locked_until: lockedUntil, lockout: counter };
  return {};
}
