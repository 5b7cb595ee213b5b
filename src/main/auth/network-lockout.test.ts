// Wrong PINs from the network never lock the kiosk's own screen: tries on the kiosk machine and tries from
// any other address count against separate locks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, type TempDatabase } from '../../../db/test-support';
import type { Peer } from '../ipc/dispatch';
import { listUsers, resetPinAndSignOut } from '../users/service';
import { isKioskMachine } from './kiosk-machine';
import { FREE_ATTEMPTS } from './lockout';
import type { AuthService } from './service';
import { FAST_PIN_PARAMS, openSignInBench, type TestClock } from './test-support';

const RIGHT_PIN = '2468';
const WRONG_PIN = '0000';
const KIOSK_SCREEN: Peer = { connection: 'window', address: 'local' };
const KIOSK_BROWSER: Peer = { connection: 'socket-1', address: '127.0.0.1' };
const LAN_MACHINE: Peer = { connection: 'socket-2', address: '192.168.1.50' };

let t: TempDatabase;
let clock: TestClock;
let auth: AuthService;
let tomId: string;

beforeEach(async () => {
  ({
    t,
    clock,
    auth,
    personId: tomId,
  } = await openSignInBench({ name: 'Tom Reed', role: 'admin', pin: RIGHT_PIN }));
});

afterEach(async () => {
  await t.dispose();
});

const locks = () =>
  t.sqlite
    .prepare(
      `SELECT failed_pin_attempts, locked_until, network_failed_pin_attempts, network_locked_until
       FROM users WHERE id = ?`,
    )
    .get(tomId);

const signIn = (pin: string, peer: Peer) => auth.signIn({ userId: tomId, pin }, null, peer);

async function burst(count: number, peer: Peer): Promise<void> {
  await Promise.allSettled(Array.from({ length: count }, () => signIn(WRONG_PIN, peer)));
}

describe('isKioskMachine', () => {
  it.each(['local', '127.0.0.1', '::1', '::ffff:127.0.0.1'])('trusts %s as the kiosk machine', (address) => {
    expect(isKioskMachine({ address })).toBe(true);
  });

  it.each(['127.0.0.2', '127.0.0.11', '192.168.1.50', '::ffff:192.168.1.50', 'fe80::1', 'unknown', ''])(
    'counts %s as the network',
    (address) => {
      expect(isKioskMachine({ address })).toBe(false);
    },
  );
});

describe('wrong PINs from the network', () => {
  it('lock the network counter only, however many arrive at once', async () => {
    await burst(300, LAN_MACHINE);
    expect(locks()).toEqual({
      failed_pin_attempts: 0,
      locked_until: null,
      network_failed_pin_attempts: FREE_ATTEMPTS,
      network_locked_until: '2025-06-01T09:01:00.000Z',
    });
  });

  it('refuse even the right PIN from the network while the network lock lasts', async () => {
    await burst(FREE_ATTEMPTS, LAN_MACHINE);
    await expect(signIn(RIGHT_PIN, { connection: 'socket-3', address: '10.0.0.7' })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringMatching(/^Too many wrong PINs\. .*sign in at the kiosk itself/),
    });
  });

  it('leave the kiosk screen free to sign in with the right PIN, in the window and in the browser', async () => {
    await burst(300, LAN_MACHINE);
    await expect(signIn(RIGHT_PIN, KIOSK_SCREEN)).resolves.toMatchObject({ user: { id: tomId } });
    await expect(signIn(RIGHT_PIN, KIOSK_BROWSER)).resolves.toMatchObject({ user: { id: tomId } });
  });

  it('stay counted after a sign-in at the kiosk, so the network gets no fresh guesses', async () => {
    await burst(FREE_ATTEMPTS, LAN_MACHINE);
    await signIn(RIGHT_PIN, KIOSK_SCREEN);
    expect(locks()).toMatchObject({
      network_failed_pin_attempts: FREE_ATTEMPTS,
      network_locked_until: '2025-06-01T09:01:00.000Z',
    });
    clock.advance(60_000);
    await signIn(WRONG_PIN, LAN_MACHINE).catch(() => null);
    expect(locks()).toMatchObject({ network_locked_until: '2025-06-01T09:03:00.000Z' });
  });
});

describe('wrong PINs on the kiosk machine', () => {
  it('lock the kiosk counter only, and are audited as such', async () => {
    await burst(300, KIOSK_BROWSER);
    expect(locks()).toEqual({
      failed_pin_attempts: FREE_ATTEMPTS,
      locked_until: '2025-06-01T09:01:00.000Z',
      network_failed_pin_attempts: 0,
      network_locked_until: null,
    });
    expect(
      countRows(t.sqlite, 'audit_logs', `json_extract(after_summary, '$.lockout') = 'local'`),
    ).toBeGreaterThan(0);
    await expect(signIn(RIGHT_PIN, KIOSK_SCREEN)).rejects.toMatchObject({
      message: expect.stringMatching(/^Too many wrong PINs\. Try again in 1 minute, or ask a manager/),
    });
  });

  it('are cleared by the right PIN at the kiosk once the lock has passed', async () => {
    await burst(FREE_ATTEMPTS, KIOSK_SCREEN);
    clock.advance(60_000);
    await expect(signIn(RIGHT_PIN, KIOSK_SCREEN)).resolves.toMatchObject({ user: { id: tomId } });
    expect(locks()).toMatchObject({ failed_pin_attempts: 0, locked_until: null });
  });
});

describe('the lockout on People and in a PIN reset', () => {
  it('shows the later of the two running locks in the list', async () => {
    await burst(FREE_ATTEMPTS, KIOSK_SCREEN);
    clock.advance(30_000);
    await burst(FREE_ATTEMPTS, LAN_MACHINE);
    const viewer = { id: tomId, role: 'admin' as const };
    expect((await listUsers(t.db, viewer, clock.now()))[0]?.lockedUntil).toBe('2025-06-01T09:01:30.000Z');
    clock.advance(60_000);
    expect((await listUsers(t.db, viewer, clock.now()))[0]?.lockedUntil).toBeNull();
  });

  it('lifts both locks with a new PIN and reports what each had counted', async () => {
    await burst(3, KIOSK_SCREEN);
    await burst(FREE_ATTEMPTS + 2, LAN_MACHINE);
    const reset = await resetPinAndSignOut(t.db, { id: tomId, pin: '9753' }, null, {
      now: clock.now(),
      pinParams: FAST_PIN_PARAMS,
    });
    expect(reset.before).toEqual({
      failedPinAttempts: 3,
      networkFailedPinAttempts: FREE_ATTEMPTS,
      lockedUntil: '2025-06-01T09:01:00.000Z',
    });
    expect(locks()).toEqual({
      failed_pin_attempts: 0,
      locked_until: null,
      network_failed_pin_attempts: 0,
      network_locked_until: null,
    });
  });
});
