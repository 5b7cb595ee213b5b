import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, openTempDatabase, type TempDatabase } from '../../../db/test-support';
import { updateKioskSettings } from '../settings/service';
import { createUser, updateUser } from '../users/service';
import { createAuthService, type AuthService } from './service';
import { hashSessionToken } from './sessions';
import { FAST_PIN_PARAMS, testClock, type TestClock } from './test-support';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let t: TempDatabase;
let clock: TestClock;
let auth: AuthService;

beforeEach(async () => {
  t = await openTempDatabase();
  clock = testClock('2025-06-01T09:00:00.000Z');
  auth = createAuthService(t.db, { now: clock.now, pinParams: FAST_PIN_PARAMS });
});

afterEach(async () => {
  await t.dispose();
});

const addPerson = (name: string, role: 'admin' | 'crew' | 'pilot', pin: string) =>
  createUser(t.db, { name, role, pin }, null, { now: clock.now(), pinParams: FAST_PIN_PARAMS });

async function failureOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected a refusal');
}

describe('auth.status', () => {
  it('asks for setup on a kiosk with no active admin, with the default idle lock', async () => {
    await expect(auth.status()).resolves.toEqual({ needsSetup: true, people: [], idleLockMinutes: 10 });
  });

  it('lists active people who have a PIN, in name order, and nobody else', async () => {
    await addPerson('Zoe Admin', 'admin', '1111');
    const tom = await addPerson('Tom Reed', 'crew', '2222');
    await addPerson('Erik Pilot', 'pilot', '3333');
    await updateUser(t.db, { id: tom.id, active: false }, null, clock.now());
    t.sqlite.prepare(`INSERT INTO users (id, name, role) VALUES ('no-pin', 'Ana NoPin', 'crew')`).run();
    const status = await auth.status();
    expect(status.needsSetup).toBe(false);
    expect(status.people.map((p) => [p.name, p.role])).toEqual([
      ['Erik Pilot', 'pilot'],
      ['Zoe Admin', 'admin'],
    ]);
  });
});

describe('auth.setup', () => {
  it('creates the first admin and signs them in for the session length', async () => {
    const session = await auth.setup({ name: 'Maria Lopez', pin: '4821' });
    expect(session.user).toMatchObject({ name: 'Maria Lopez', role: 'admin' });
    expect(session.expiresAt).toBe('2025-06-01T21:00:00.000Z');
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await expect(auth.resolveUser(session.token)).resolves.toEqual(session.user);
    expect((await auth.status()).needsSetup).toBe(false);
  });

  it('is refused once an admin exists', async () => {
    await auth.setup({ name: 'Maria Lopez', pin: '4821' });
    const refusal = await failureOf(auth.setup({ name: 'Mallory', pin: '0000' }));
    expect(refusal.code).toBe('CONFLICT');
    expect(countRows(t.sqlite, 'users')).toBe(1);
  });

  it('stores neither the PIN nor the session token, only their hashes', async () => {
    const session = await auth.setup({ name: 'Maria Lopez', pin: '4821' });
    const user = t.sqlite.prepare('SELECT pin_hash FROM users').get() as { pin_hash: string };
    expect(user.pin_hash).toMatch(/^scrypt\$/);
    expect(user.pin_hash).not.toContain('4821');
    const row = t.sqlite.prepare('SELECT token_hash FROM user_sessions').get() as { token_hash: string };
    expect(row.token_hash).toBe(hashSessionToken(session.token));
    expect(row.token_hash).not.toContain(session.token);
  });
});

describe('auth.signIn', () => {
  it('signs a person in with the right PIN', async () => {
    const tom = await addPerson('Tom Reed', 'crew', '2468');
    const session = await auth.signIn({ userId: tom.id, pin: '2468' }, null);
    expect(session).toMatchObject({
      user: { id: tom.id, name: 'Tom Reed', role: 'crew' },
      expiresAt: '2025-06-01T21:00:00.000Z',
      idleLockMinutes: 10,
    });
    await expect(auth.resolveUser(session.token)).resolves.toEqual(session.user);
  });

  it('refuses a wrong PIN as UNAUTHENTICATED, and says how many tries are left once three or fewer remain', async () => {
    const tom = await addPerson('Tom Reed', 'crew', '2468');
    const first = await failureOf(auth.signIn({ userId: tom.id, pin: '1111' }, null));
    expect(first).toMatchObject({ code: 'UNAUTHENTICATED', message: 'That PIN is not right. Try again.' });
    const second = await failureOf(auth.signIn({ userId: tom.id, pin: '1111' }, null));
    expect(second.message).toBe('That PIN is not right. 3 tries left before a short lockout.');
    await failureOf(auth.signIn({ userId: tom.id, pin: '1111' }, null));
    const fourth = await failureOf(auth.signIn({ userId: tom.id, pin: '1111' }, null));
    expect(fourth.message).toBe('That PIN is not right. 1 try left before a short lockout.');
  });

  it('locks a person out for a minute after five wrong PINs, refusing even the right PIN meanwhile', async () => {
    const tom = await addPerson('Tom Reed', 'crew', '2468');
    for (let i = 0; i < 4; i++) await failureOf(auth.signIn({ userId: tom.id, pin: '0000' }, null));
    const fifth = await failureOf(auth.signIn({ userId: tom.id, pin: '0000' }, null));
    expect(fifth).toMatchObject({
      code: 'UNAUTHENTICATED',
      message:
        'That PIN is not right. Too many wrong PINs. Try again in 1 minute, or ask a manager to reset your PIN.',
    });
    clock.advance(30_000);
    const locked = await failureOf(auth.signIn({ userId: tom.id, pin: '2468' }, null));
    expect(locked).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Too many wrong PINs. Try again in 1 minute, or ask a manager to reset your PIN.',
    });
    expect(countRows(t.sqlite, 'user_sessions')).toBe(0);
  });

  it('doubles the lock with each wrong PIN after the first lock ends', async () => {
    const tom = await addPerson('Tom Reed', 'crew', '2468');
    for (let i = 0; i < 5; i++) await failureOf(auth.signIn({ userId: tom.id, pin: '0000' }, null));
    clock.advance(MINUTE);
    const sixth = await failureOf(auth.signIn({ userId: tom.id, pin: '0000' }, null));
    expect(sixth.message).toContain('Try again in 2 minutes');
    clock.advance(2 * MINUTE);
    const seventh = await failureOf(auth.signIn({ userId: tom.id, pin: '0000' }, null));
    expect(seventh.message).toContain('Try again in 4 minutes');
  });

  it('lets the person in once the lock has passed, and the right PIN clears the count', async () => {
    const tom = await addPerson('Tom Reed', 'crew', '2468');
    for (let i = 0; i < 5; i++) await failureOf(auth.signIn({ userId: tom.id, pin: '0000' }, null));
    clock.advance(MINUTE);
    await auth.signIn({ userId: tom.id, pin: '2468' }, null);
    expect(
      t.sqlite.prepare('SELECT failed_pin_attempts, locked_until FROM users WHERE id = ?').get(tom.id),
    ).toEqual({ failed_pin_attempts: 0, locked_until: null });
    const next = await failureOf(auth.signIn({ userId: tom.id, pin: '0000' }, null));
    expect(next.message).toBe('That PIN is not right. Try again.');
  });

  it('does not count a try made while locked, so waiting it out is always enough', async () => {
    const tom = await addPerson('Tom Reed', 'crew', '2468');
    for (let i = 0; i < 5; i++) await failureOf(auth.signIn({ userId: tom.id, pin: '0000' }, null));
    await failureOf(auth.signIn({ userId: tom.id, pin: '0000' }, null));
    await failureOf(auth.signIn({ userId: tom.id, pin: '0000' }, null));
    expect(t.sqlite.prepare('SELECT failed_pin_attempts FROM users WHERE id = ?').pluck().get(tom.id)).toBe(
      5,
    );
  });

  it('says NOT_FOUND for a name that is no longer on the list', async () => {
    const refusal = await failureOf(
      auth.signIn({ userId: '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f', pin: '1234' }, null),
    );
    expect(refusal.code).toBe('NOT_FOUND');
  });

  it('refuses a deactivated person and a person without a PIN, and says to ask a manager', async () => {
    const tom = await addPerson('Tom Reed', 'crew', '2468');
    await updateUser(t.db, { id: tom.id, active: false }, null, clock.now());
    expect(await failureOf(auth.signIn({ userId: tom.id, pin: '2468' }, null))).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Tom Reed can no longer sign in here. Ask a manager.',
    });
    t.sqlite.prepare(`INSERT INTO users (id, name, role) VALUES ('no-pin', 'Ana Silva', 'crew')`).run();
    expect(await failureOf(auth.signIn({ userId: 'no-pin', pin: '2468' }, null))).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Ana Silva has no PIN yet. Ask a manager to set one.',
    });
  });

  it('ends the screen’s previous session when the same person signs in again (after an idle lock)', async () => {
    const tom = await addPerson('Tom Reed', 'crew', '2468');
    const first = await auth.signIn({ userId: tom.id, pin: '2468' }, null);
    const second = await auth.signIn({ userId: tom.id, pin: '2468' }, first.token);
    await expect(auth.resolveUser(first.token)).resolves.toBeNull();
    await expect(auth.resolveUser(second.token)).resolves.toMatchObject({ id: tom.id });
    expect(countRows(t.sqlite, 'user_sessions')).toBe(1);
  });

  it('leaves another person’s session alone when someone else signs in on the same screen', async () => {
    const tom = await addPerson('Tom Reed', 'crew', '2468');
    const ana = await addPerson('Ana Silva', 'crew', '1357');
    const toms = await auth.signIn({ userId: tom.id, pin: '2468' }, null);
    await auth.signIn({ userId: ana.id, pin: '1357' }, toms.token);
    await expect(auth.resolveUser(toms.token)).resolves.toMatchObject({ id: tom.id });
  });
});

describe('sessions', () => {
  it('expire after the session_hours setting', async () => {
    const admin = await auth.setup({ name: 'Maria Lopez', pin: '4821' });
    await updateKioskSettings(t.db, { sessionHours: 2 }, admin.user.id);
    const tom = await addPerson('Tom Reed', 'crew', '2468');
    const session = await auth.signIn({ userId: tom.id, pin: '2468' }, null);
    expect(session.expiresAt).toBe('2025-06-01T11:00:00.000Z');
    clock.advance(2 * HOUR - 1);
    await expect(auth.resolveUser(session.token)).resolves.not.toBeNull();
    clock.advance(1);
    await expect(auth.resolveUser(session.token)).resolves.toBeNull();
  });

  it('resolve to nobody for an unknown token', async () => {
    await auth.setup({ name: 'Maria Lopez', pin: '4821' });
    await expect(auth.resolveUser('not-a-token')).resolves.toBeNull();
  });

  it('resolve to nobody once the person is deactivated, even before expiry', async () => {
    const tom = await addPerson('Tom Reed', 'crew', '2468');
    const session = await auth.signIn({ userId: tom.id, pin: '2468' }, null);
    t.sqlite.prepare('UPDATE users SET active = 0 WHERE id = ?').run(tom.id);
    await expect(auth.resolveUser(session.token)).resolves.toBeNull();
  });

  it('carry the person’s current role, so a role change applies to the next call', async () => {
    const tom = await addPerson('Tom Reed', 'crew', '2468');
    const session = await auth.signIn({ userId: tom.id, pin: '2468' }, null);
    t.sqlite.prepare(`UPDATE users SET role = 'admin' WHERE id = ?`).run(tom.id);
    await expect(auth.resolveUser(session.token)).resolves.toMatchObject({ role: 'admin' });
  });

  it('note when they were last used, at most once a minute', async () => {
    const tom = await addPerson('Tom Reed', 'crew', '2468');
    const session = await auth.signIn({ userId: tom.id, pin: '2468' }, null);
    const lastSeen = () => t.sqlite.prepare('SELECT last_seen_at FROM user_sessions').pluck().get();
    clock.advance(59_000);
    await auth.resolveUser(session.token);
    expect(lastSeen()).toBe('2025-06-01T09:00:00.000Z');
    clock.advance(1_000);
    await auth.resolveUser(session.token);
    expect(lastSeen()).toBe('2025-06-01T09:01:00.000Z');
  });
});

describe('auth.signOut and auth.session', () => {
  it('describe this screen’s session without its token', async () => {
    const admin = await auth.setup({ name: 'Maria Lopez', pin: '4821' });
    await expect(auth.session(admin.token)).resolves.toEqual({
      user: admin.user,
      expiresAt: admin.expiresAt,
      idleLockMinutes: 10,
    });
  });

  it('ends only this screen’s session', async () => {
    const tom = await addPerson('Tom Reed', 'crew', '2468');
    const here = await auth.signIn({ userId: tom.id, pin: '2468' }, null);
    const there = await auth.signIn({ userId: tom.id, pin: '2468' }, null);
    await expect(auth.signOut(here.token, here.user)).resolves.toEqual({ signedOut: true });
    await expect(auth.resolveUser(here.token)).resolves.toBeNull();
    await expect(auth.resolveUser(there.token)).resolves.not.toBeNull();
    expect((await failureOf(auth.session(here.token))).code).toBe('UNAUTHENTICATED');
  });
});
