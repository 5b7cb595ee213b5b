// Sign-in throttling per screen and per address, alone and behind the auth.signIn and auth.setup handlers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, openTempDatabase, type TempDatabase } from '../../../db/test-support';
import { createDataAccess } from '../data-access';
import type { CallContext, Peer } from '../ipc/dispatch';
import { authHandlers, type AuthHandlers } from './handlers';
import { addTestPerson, FAST_PIN_PARAMS, testClock, type TestClock } from './test-support';
import {
  createSignInThrottle,
  SIGN_IN_TRIES_PER_ADDRESS,
  SIGN_IN_TRIES_PER_CONNECTION,
  SIGN_IN_WINDOW_MS,
  TOO_MANY_TRIES,
} from './throttle';

const at = new Date('2025-06-01T09:00:00.000Z');
const screen = (connection: string, address = '192.168.1.20'): Peer => ({ connection, address });

/** How many of `count` tries in a row the throttle admits. */
function admitted(throttle: ReturnType<typeof createSignInThrottle>, peer: Peer, count: number, now = at) {
  let admittedTries = 0;
  for (let i = 0; i < count; i++) if (throttle.admit(peer, now)) admittedTries += 1;
  return admittedTries;
}

describe('the sign-in throttle', () => {
  it('admits ten tries a minute from one screen', () => {
    const throttle = createSignInThrottle();
    expect(SIGN_IN_TRIES_PER_CONNECTION).toBe(10);
    expect(admitted(throttle, screen('socket:1'), 25)).toBe(10);
  });

  it('admits thirty tries a minute from one address, however many screens it opens', () => {
    const throttle = createSignInThrottle();
    expect(SIGN_IN_TRIES_PER_ADDRESS).toBe(30);
    let total = 0;
    for (let socket = 0; socket < 10; socket++) total += admitted(throttle, screen(`socket:${socket}`), 10);
    expect(total).toBe(30);
    expect(admitted(throttle, screen('socket:99', '192.168.1.21'), 1)).toBe(1);
  });

  it('admits again once a minute has passed since the tries', () => {
    const throttle = createSignInThrottle();
    admitted(throttle, screen('socket:1'), 10);
    expect(admitted(throttle, screen('socket:1'), 1, new Date(at.getTime() + SIGN_IN_WINDOW_MS - 1))).toBe(0);
    expect(admitted(throttle, screen('socket:1'), 1, new Date(at.getTime() + SIGN_IN_WINDOW_MS))).toBe(1);
  });

  it('gives a try back when the sign-in succeeded, so signing in often never meets the limit', () => {
    const throttle = createSignInThrottle();
    for (let i = 0; i < 100; i++) throttle.admit(screen('window:1', 'local'), at)?.giveBack();
    expect(admitted(throttle, screen('window:1', 'local'), 10)).toBe(10);
  });
});

describe('auth.signIn and auth.setup behind the throttle', () => {
  let t: TempDatabase;
  let clock: TestClock;
  let handlers: AuthHandlers;
  let tomId: string;

  beforeEach(async () => {
    t = await openTempDatabase();
    clock = testClock('2025-06-01T09:00:00.000Z');
    handlers = authHandlers(createDataAccess({ handle: t }, { now: clock.now, pinParams: FAST_PIN_PARAMS }));
    tomId = await addTestPerson(t.db, clock, { name: 'Tom Reed', role: 'crew', pin: '2468' });
  });

  afterEach(async () => {
    await t.dispose();
  });

  const context = (peer: Peer): CallContext => ({ user: null, session: null, transport: 'websocket', peer });
  const signIn = (pin: string, peer: Peer, userId = tomId) =>
    Promise.resolve(handlers['auth.signIn']({ userId, pin }, context(peer))).then(
      () => 'signed in',
      (error: { code: string; message: string }) => error,
    );

  it('refuses the eleventh try from one screen as RATE_LIMITED, in plain words', async () => {
    const unknown = '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f';
    for (let i = 0; i < 10; i++) await signIn('0000', screen('socket:1'), unknown);
    await expect(signIn('0000', screen('socket:1'), unknown)).resolves.toEqual(
      expect.objectContaining({ code: 'RATE_LIMITED', message: TOO_MANY_TRIES }),
    );
    expect(TOO_MANY_TRIES).toBe('Too many sign-in attempts from this screen. Wait a minute and try again.');
  });

  it('turns a burst away before any PIN is hashed and records it once for the address', async () => {
    const results = await Promise.all(Array.from({ length: 200 }, () => signIn('0000', screen('socket:1'))));
    expect(results.filter((r) => typeof r === 'object' && r.code === 'RATE_LIMITED')).toHaveLength(190);
    const reasons = t.sqlite
      .prepare(`SELECT after_summary FROM audit_logs WHERE action = 'sign_in_failed'`)
      .pluck()
      .all() as string[];
    const throttled = reasons.map((r) => JSON.parse(r) as Record<string, unknown>);
    expect(throttled.filter((r) => r.reason === 'too_many_attempts')).toEqual([
      expect.objectContaining({ address: '192.168.1.20', attempts: 190 }),
    ]);
    expect(throttled.filter((r) => r.reason === 'wrong_pin')).toHaveLength(5);
  });

  it('never limits someone who signs in successfully, however often', async () => {
    for (let i = 0; i < 30; i++)
      await expect(signIn('2468', screen('window:1', 'local'))).resolves.toBe('signed in');
  });

  it('limits first-start setup too, and refuses it without hashing once an admin exists', async () => {
    await addTestPerson(t.db, clock, { name: 'Maria Lopez', role: 'admin', pin: '4821' });
    const setup = () =>
      Promise.resolve(
        handlers['auth.setup']({ name: 'Mallory', pin: '0000' }, context(screen('socket:7', '127.0.0.1'))),
      ).catch((error: { code: string }) => error.code);
    const codes = await Promise.all(Array.from({ length: 12 }, setup));
    expect(codes.filter((code) => code === 'CONFLICT')).toHaveLength(10);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(2);
    expect(countRows(t.sqlite, 'users')).toBe(2);
  });

  it('refuses first-start setup from the network before it is tried', async () => {
    const fromNetwork = await Promise.resolve(
      handlers['auth.setup']({ name: 'Mallory', pin: '0000' }, context(screen('socket:8'))),
    ).catch((error: { code: string; message: string }) => error);
    expect(fromNetwork).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('at the kiosk itself'),
    });
    expect(countRows(t.sqlite, 'users')).toBe(1);
  });
});
