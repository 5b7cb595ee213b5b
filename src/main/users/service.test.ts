import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, openTempDatabase, type TempDatabase } from '../../../db/test-support';
import { createAuthService } from '../auth/service';
import { FAST_PIN_PARAMS, testClock } from '../auth/test-support';
import { verifyPin } from '../auth/pin';
import { createUser, listUsers, resetUserPin, updateUser } from './service';

let t: TempDatabase;
const clock = testClock('2025-06-01T09:00:00.000Z');
const options = () => ({ now: clock.now(), pinParams: FAST_PIN_PARAMS });

beforeEach(async () => {
  t = await openTempDatabase();
});

afterEach(async () => {
  await t.dispose();
});

const add = (name: string, role: 'admin' | 'crew' | 'pilot', pin = '2468') =>
  createUser(t.db, { name, role, pin }, null, options());

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected a refusal');
}

describe('listUsers', () => {
  it('shows an admin everyone, active people first, by name', async () => {
    const admin = await add('Maria Lopez', 'admin');
    const tom = await add('Tom Reed', 'crew');
    await add('Erik Halvorsen', 'pilot');
    await updateUser(t.db, { id: tom.id, active: false }, admin.id, clock.now());
    const list = await listUsers(t.db, admin, clock.now());
    expect(list.map((u) => [u.name, u.active])).toEqual([
      ['Erik Halvorsen', true],
      ['Maria Lopez', true],
      ['Tom Reed', false],
    ]);
  });

  it('shows crew and pilots only their own row', async () => {
    await add('Maria Lopez', 'admin');
    const tom = await add('Tom Reed', 'crew');
    const erik = await add('Erik Halvorsen', 'pilot');
    expect((await listUsers(t.db, tom, clock.now())).map((u) => u.id)).toEqual([tom.id]);
    expect((await listUsers(t.db, erik, clock.now())).map((u) => u.id)).toEqual([erik.id]);
  });

  it('never includes PIN hashes', async () => {
    const admin = await add('Maria Lopez', 'admin');
    const [row] = await listUsers(t.db, admin, clock.now());
    expect(row).toEqual({
      id: admin.id,
      name: 'Maria Lopez',
      role: 'admin',
      active: true,
      hasPin: true,
      lockedUntil: null,
      createdAt: '2025-06-01T09:00:00.000Z',
    });
  });
});

describe('createUser', () => {
  it('adds a person whose PIN works at the sign-in screen', async () => {
    const tom = await add('Tom Reed', 'crew', '1357');
    const hash = t.sqlite.prepare('SELECT pin_hash FROM users WHERE id = ?').pluck().get(tom.id) as string;
    await expect(verifyPin('1357', hash)).resolves.toBe(true);
  });

  it('refuses a second active person with the same name, ignoring case', async () => {
    await add('Tom Reed', 'crew');
    expect(await refusal(add('tom reed', 'pilot'))).toMatchObject({ code: 'CONFLICT' });
    expect(countRows(t.sqlite, 'users')).toBe(1);
  });

  it('refuses a second active "Élise" however her name is cased or composed', async () => {
    await add('Élise Dubois', 'crew');
    for (const name of ['élise dubois', 'ÉLISE DUBOIS', 'E\u0301lise Dubois'])
      expect([name, (await refusal(add(name, 'pilot'))).code]).toEqual([name, 'CONFLICT']);
    // Accents are letters, not case: Elise without one is someone else.
    await expect(add('Elise Dubois', 'pilot')).resolves.toMatchObject({ active: true });
  });

  it('folds case fully, so "STRASSE" and "Straße" are one name', async () => {
    await add('Jo Straße', 'crew');
    expect((await refusal(add('JO STRASSE', 'pilot'))).code).toBe('CONFLICT');
  });

  it('refuses a rename onto another active person’s name in another case', async () => {
    await add('Ørjan Østby', 'crew');
    const other = await add('Tom Reed', 'crew');
    expect(
      (await refusal(updateUser(t.db, { id: other.id, name: 'ØRJAN østby' }, null, clock.now()))).code,
    ).toBe('CONFLICT');
  });

  it('allows the name of someone who has been deactivated', async () => {
    const admin = await add('Maria Lopez', 'admin');
    const old = await add('Tom Reed', 'crew');
    await updateUser(t.db, { id: old.id, active: false }, admin.id, clock.now());
    await expect(add('Tom Reed', 'crew')).resolves.toMatchObject({ active: true });
  });
});

describe('updateUser', () => {
  it('renames and changes role', async () => {
    const tom = await add('Tom Reed', 'crew');
    await expect(
      updateUser(t.db, { id: tom.id, name: 'Tom Reyes', role: 'pilot' }, null, clock.now()),
    ).resolves.toMatchObject({ name: 'Tom Reyes', role: 'pilot' });
  });

  it('refuses to deactivate the last active admin', async () => {
    const admin = await add('Maria Lopez', 'admin');
    expect(await refusal(updateUser(t.db, { id: admin.id, active: false }, admin.id, clock.now()))).toEqual(
      expect.objectContaining({
        code: 'CONFLICT',
        message:
          'Maria Lopez is the last active admin. Make someone else an admin first, so the kiosk can still be managed.',
      }),
    );
  });

  it('refuses to make the last active admin crew or pilot', async () => {
    const admin = await add('Maria Lopez', 'admin');
    expect(
      (await refusal(updateUser(t.db, { id: admin.id, role: 'crew' }, admin.id, clock.now()))).code,
    ).toBe('CONFLICT');
    expect(t.sqlite.prepare('SELECT role FROM users').pluck().get()).toBe('admin');
  });

  it('lets an admin step down once another active admin exists', async () => {
    const maria = await add('Maria Lopez', 'admin');
    await add('Jo Whitaker', 'admin');
    await expect(
      updateUser(t.db, { id: maria.id, role: 'crew' }, maria.id, clock.now()),
    ).resolves.toMatchObject({
      role: 'crew',
    });
  });

  it('does not count a deactivated admin as the other admin', async () => {
    const maria = await add('Maria Lopez', 'admin');
    const jo = await add('Jo Whitaker', 'admin');
    await updateUser(t.db, { id: jo.id, active: false }, maria.id, clock.now());
    expect(
      (await refusal(updateUser(t.db, { id: maria.id, active: false }, maria.id, clock.now()))).code,
    ).toBe('CONFLICT');
  });

  it('ends the sessions of a person who is deactivated', async () => {
    const admin = await add('Maria Lopez', 'admin');
    await add('Tom Reed', 'crew', '2468');
    const tom = (await listUsers(t.db, admin, clock.now())).find((u) => u.name === 'Tom Reed')!;
    const auth = createAuthService(t.db, { now: clock.now, pinParams: FAST_PIN_PARAMS });
    const session = await auth.signIn({ userId: tom.id, pin: '2468' }, null);
    await updateUser(t.db, { id: tom.id, active: false }, admin.id, clock.now());
    expect(countRows(t.sqlite, 'user_sessions', 'user_id = ?', tom.id)).toBe(0);
    await expect(auth.resolveUser(session.token)).resolves.toBeNull();
  });

  it('refuses to reactivate someone whose name an active person now has', async () => {
    const first = await add('Tom Reed', 'crew');
    await updateUser(t.db, { id: first.id, active: false }, null, clock.now());
    await add('Tom Reed', 'crew');
    expect((await refusal(updateUser(t.db, { id: first.id, active: true }, null, clock.now()))).code).toBe(
      'CONFLICT',
    );
  });

  it('says NOT_FOUND for someone who does not exist', async () => {
    const missing = updateUser(
      t.db,
      { id: '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f', active: false },
      null,
      clock.now(),
    );
    expect((await refusal(missing)).code).toBe('NOT_FOUND');
  });
});

describe('resetUserPin', () => {
  it('sets a new PIN and lifts a lockout', async () => {
    const tom = await add('Tom Reed', 'crew', '2468');
    t.sqlite
      .prepare(
        `UPDATE users SET failed_pin_attempts = 7, locked_until = '2025-06-01T10:00:00.000Z' WHERE id = ?`,
      )
      .run(tom.id);
    const summary = await resetUserPin(t.db, { id: tom.id, pin: '9753' }, null, options());
    expect(summary.lockedUntil).toBeNull();
    const auth = createAuthService(t.db, { now: clock.now, pinParams: FAST_PIN_PARAMS });
    await expect(auth.signIn({ userId: tom.id, pin: '9753' }, null)).resolves.toMatchObject({
      user: { id: tom.id },
    });
  });

  it('ends every session of the person whose PIN is reset, and says so in the audit log', async () => {
    const admin = await add('Maria Lopez', 'admin');
    const tom = await add('Tom Reed', 'crew', '2468');
    const auth = createAuthService(t.db, { now: clock.now, pinParams: FAST_PIN_PARAMS });
    const here = await auth.signIn({ userId: tom.id, pin: '2468' }, null);
    const there = await auth.signIn({ userId: tom.id, pin: '2468' }, null);
    const marias = await auth.signIn({ userId: admin.id, pin: '2468' }, null);
    await resetUserPin(t.db, { id: tom.id, pin: '9753' }, admin.id, options());
    await expect(auth.resolveUser(here.token)).resolves.toBeNull();
    await expect(auth.resolveUser(there.token)).resolves.toBeNull();
    await expect(auth.resolveUser(marias.token)).resolves.toMatchObject({ id: admin.id });
    const entry = t.sqlite
      .prepare(`SELECT after_summary FROM audit_logs WHERE action = 'reset_pin'`)
      .pluck()
      .get() as string;
    expect(JSON.parse(entry)).toMatchObject({ sessions_ended: 2 });
  });

  it('shows a lockout in the list while it lasts', async () => {
    const tom = await add('Tom Reed', 'crew', '2468');
    t.sqlite
      .prepare(
        `UPDATE users SET failed_pin_attempts = 5, locked_until = '2025-06-01T09:01:00.000Z' WHERE id = ?`,
      )
      .run(tom.id);
    expect((await listUsers(t.db, tom, clock.now()))[0]?.lockedUntil).toBe('2025-06-01T09:01:00.000Z');
    expect((await listUsers(t.db, tom, new Date('2025-06-01T09:01:00.000Z')))[0]?.lockedUntil).toBeNull();
  });
});
