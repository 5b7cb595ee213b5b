// The lock decision under concurrency: every try is counted in the database before its PIN is hashed.
import { Kysely } from 'kysely';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MagnumSqliteDialect } from '../../../db/migrate';
import { countRows, type TempDatabase } from '../../../db/test-support';
import type { Database } from '../../../db/schema';
import { resetUserPin } from '../users/service';
import { FREE_ATTEMPTS } from './lockout';
import { reservePinAttempt, settleRightPin } from './pin-attempts';
import type { AuthService } from './service';
import { FAST_PIN_PARAMS, openSignInBench, type TestClock } from './test-support';

let t: TempDatabase;
let clock: TestClock;
let auth: AuthService;
let tomId: string;

beforeEach(async () => {
  ({ t, clock, auth, personId: tomId } = await openSignInBench());
});

afterEach(async () => {
  await t.dispose();
});

const lockState = () =>
  t.sqlite.prepare('SELECT failed_pin_attempts, locked_until FROM users WHERE id = ?').get(tomId) as {
    failed_pin_attempts: number;
    locked_until: string | null;
  };

const pinsChecked = () =>
  countRows(t.sqlite, 'audit_logs', `json_extract(after_summary, '$.reason') = 'wrong_pin'`) +
  countRows(t.sqlite, 'audit_logs', `action = 'sign_in'`);

describe('reservePinAttempt', () => {
  it('lets exactly five of 300 simultaneous tries through to a PIN check', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 300 }, () => reservePinAttempt(t.db, tomId, 'local', clock.now())),
    );
    expect(attempts.filter((a) => a.kind === 'check')).toHaveLength(FREE_ATTEMPTS);
    expect(attempts.filter((a) => a.kind === 'refused' && a.reason === 'locked')).toHaveLength(
      300 - FREE_ATTEMPTS,
    );
    expect(lockState()).toEqual({ failed_pin_attempts: 5, locked_until: '2025-06-01T09:01:00.000Z' });
  });

  it('counts a try before its PIN is checked, so a try that never finishes still counts', async () => {
    const attempt = await reservePinAttempt(t.db, tomId, 'local', clock.now());
    expect(attempt).toMatchObject({ kind: 'check', state: { failedAttempts: 1, lockedUntil: null } });
    expect(lockState().failed_pin_attempts).toBe(1);
  });

  it('sets the lock with the fifth try, before that PIN is known to be wrong', async () => {
    for (let i = 0; i < 4; i++) await reservePinAttempt(t.db, tomId, 'local', clock.now());
    const fifth = await reservePinAttempt(t.db, tomId, 'local', clock.now());
    expect(fifth).toMatchObject({ kind: 'check', state: { lockedUntil: '2025-06-01T09:01:00.000Z' } });
    await expect(reservePinAttempt(t.db, tomId, 'local', clock.now())).resolves.toMatchObject({
      kind: 'refused',
      reason: 'locked',
    });
  });

  it('allows one try per lock once the lock has passed, and that try locks for twice as long', async () => {
    for (let i = 0; i < 5; i++) await reservePinAttempt(t.db, tomId, 'local', clock.now());
    clock.advance(60_000);
    const burst = await Promise.all(
      Array.from({ length: 20 }, () => reservePinAttempt(t.db, tomId, 'local', clock.now())),
    );
    expect(burst.filter((a) => a.kind === 'check')).toHaveLength(1);
    expect(lockState()).toEqual({ failed_pin_attempts: 6, locked_until: '2025-06-01T09:03:00.000Z' });
  });

  it('keeps the count in the database, so another connection (another process) continues it', async () => {
    const other = new Kysely<Database>({
      dialect: new MagnumSqliteDialect({ database: new Sqlite(t.path) }),
    });
    try {
      const kinds: string[] = [];
      for (let i = 0; i < 8; i++) {
        const attempt = await reservePinAttempt(i % 2 ? other : t.db, tomId, 'local', clock.now());
        kinds.push(attempt.kind);
      }
      expect(kinds).toEqual([...Array<string>(FREE_ATTEMPTS).fill('check'), 'refused', 'refused', 'refused']);
    } finally {
      await other.destroy();
    }
  });

  it('says why a try was refused without a check: unknown, inactive or no PIN', async () => {
    t.sqlite.prepare(`INSERT INTO users (id, name, role) VALUES ('no-pin', 'Ana Silva', 'crew')`).run();
    t.sqlite
      .prepare(`INSERT INTO users (id, name, role, active) VALUES ('gone', 'Old Hand', 'crew', 0)`)
      .run();
    const reasonFor = async (id: string) => {
      const attempt = await reservePinAttempt(t.db, id, 'local', clock.now());
      return attempt.kind === 'refused' ? attempt.reason : 'check';
    };
    expect(await reasonFor('3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f')).toBe('unknown_user');
    expect(await reasonFor('gone')).toBe('inactive');
    expect(await reasonFor('no-pin')).toBe('no_pin');
  });
});

describe('settleRightPin', () => {
  it('clears the count and the lock the try had set', async () => {
    for (let i = 0; i < 4; i++) await reservePinAttempt(t.db, tomId, 'local', clock.now());
    const fifth = await reservePinAttempt(t.db, tomId, 'local', clock.now());
    if (fifth.kind !== 'check') throw new Error('expected a check');
    await expect(settleRightPin(t.db, fifth.user, 'local')).resolves.toBe(true);
    expect(lockState()).toEqual({ failed_pin_attempts: 0, locked_until: null });
  });

  it('refuses when the PIN was reset while it was being checked', async () => {
    const attempt = await reservePinAttempt(t.db, tomId, 'local', clock.now());
    if (attempt.kind !== 'check') throw new Error('expected a check');
    await resetUserPin(t.db, { id: tomId, pin: '9753' }, null, {
      now: clock.now(),
      pinParams: FAST_PIN_PARAMS,
    });
    await expect(settleRightPin(t.db, attempt.user, 'local')).resolves.toBe(false);
  });
});

describe('auth.signIn under a burst', () => {
  it('checks at most five PINs of 300 sent at once, and the right PIN among them does not sign in', async () => {
    const tries = Array.from({ length: 300 }, (_, i) => (i === 299 ? '2468' : '0000'));
    const results = await Promise.allSettled(tries.map((pin) => auth.signIn({ userId: tomId, pin }, null)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(0);
    expect(pinsChecked()).toBe(FREE_ATTEMPTS);
    expect(results[299]).toMatchObject({
      status: 'rejected',
      reason: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/^Too many wrong PINs/) },
    });
    expect(countRows(t.sqlite, 'user_sessions')).toBe(0);
  });

  it('signs in with the right PIN as the fifth try, even though that try set the lock', async () => {
    for (let i = 0; i < 4; i++) await auth.signIn({ userId: tomId, pin: '0000' }, null).catch(() => null);
    await expect(auth.signIn({ userId: tomId, pin: '2468' }, null)).resolves.toMatchObject({
      user: { id: tomId },
    });
    expect(lockState()).toEqual({ failed_pin_attempts: 0, locked_until: null });
  });
});
