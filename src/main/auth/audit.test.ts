// What sign-in leaves in the audit log: who tried, what happened, and never a secret.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../db/test-support';
import { createUser, resetUserPin } from '../users/service';
import { createAuthService, type AuthService } from './service';
import { FAST_PIN_PARAMS, testClock } from './test-support';

const clock = testClock();
const pinOptions = () => ({ now: clock.now(), pinParams: FAST_PIN_PARAMS });

let t: TempDatabase;
let auth: AuthService;

beforeEach(async () => {
  t = await openTempDatabase();
  auth = createAuthService(t.db, { now: clock.now, pinParams: FAST_PIN_PARAMS });
});

afterEach(async () => {
  await t.dispose();
});

const entries = () =>
  t.sqlite
    .prepare('SELECT user_id, action, entity_type, after_summary FROM audit_logs ORDER BY rowid')
    .all() as Array<{
    user_id: string | null;
    action: string;
    entity_type: string;
    after_summary: string | null;
  }>;

describe('the sign-in audit trail', () => {
  it('records the first admin’s setup and their sign-in', async () => {
    const admin = await auth.setup({ name: 'Jo Whitaker', pin: '4821' });
    expect(entries().map(({ user_id, action, entity_type }) => ({ user_id, action, entity_type }))).toEqual([
      { user_id: admin.user.id, action: 'setup', entity_type: 'user' },
      { user_id: admin.user.id, action: 'sign_in', entity_type: 'session' },
    ]);
  });

  it('records a sign-in attempt for a name that no longer exists, without a person', async () => {
    await expect(
      auth.signIn({ userId: '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f', pin: '1234' }, null),
    ).rejects.toThrow();
    const [entry] = entries();
    expect(entry).toMatchObject({ user_id: null, action: 'sign_in_failed', entity_type: 'session' });
    expect(JSON.parse(entry!.after_summary!)).toEqual({
      reason: 'unknown_user',
      tried_user_id: '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f',
      address: 'local',
      attempts: 1,
    });
  });

  it('counts a minute of unknown names from one address in one entry, not one entry each', async () => {
    const peer = { connection: 'socket:1', address: '192.168.1.50' };
    const tries = Array.from({ length: 2000 }, (_, i) =>
      auth
        .signIn({ userId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, pin: '1234' }, null, peer)
        .catch(() => undefined),
    );
    await Promise.all(tries);
    const failed = entries().filter((e) => e.action === 'sign_in_failed');
    expect(failed).toHaveLength(1);
    expect(JSON.parse(failed[0]!.after_summary!)).toMatchObject({
      reason: 'unknown_user',
      address: '192.168.1.50',
      attempts: 2000,
    });
  });

  it('starts a new entry for unknown names each minute and for each address', async () => {
    const unknown = '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f';
    const tryFrom = (address: string) =>
      auth.signIn({ userId: unknown, pin: '1234' }, null, { connection: address, address }).catch(() => null);
    await tryFrom('10.0.0.1');
    await tryFrom('10.0.0.2');
    await tryFrom('10.0.0.1');
    clock.advance(60_000);
    await tryFrom('10.0.0.1');
    const summaries = entries().map((e) => JSON.parse(e.after_summary!) as Record<string, unknown>);
    expect(summaries.map((s) => [s.address, s.attempts])).toEqual([
      ['10.0.0.1', 2],
      ['10.0.0.2', 1],
      ['10.0.0.1', 1],
    ]);
  });

  it('counts tries while locked out in one entry a minute for that person', async () => {
    const tom = await createUser(t.db, { name: 'Tom Reed', role: 'crew', pin: '2468' }, null, pinOptions());
    for (let i = 0; i < 5; i++)
      await auth.signIn({ userId: tom.id, pin: '0000' }, null).catch(() => undefined);
    await Promise.all(
      Array.from({ length: 50 }, () => auth.signIn({ userId: tom.id, pin: '0000' }, null).catch(() => null)),
    );
    const locked = entries()
      .filter((e) => e.action === 'sign_in_failed')
      .map((e) => JSON.parse(e.after_summary!) as { reason: string; attempts?: number })
      .filter((e) => e.reason === 'locked');
    expect(locked).toEqual([expect.objectContaining({ attempts: 50 })]);
  });

  it('records why a sign-in was refused: wrong PIN, then locked', async () => {
    const tom = await createUser(t.db, { name: 'Tom Reed', role: 'crew', pin: '2468' }, null, pinOptions());
    for (let i = 0; i < 6; i++)
      await auth.signIn({ userId: tom.id, pin: '0000' }, null).catch(() => undefined);
    const reasons = entries()
      .filter((e) => e.action === 'sign_in_failed')
      .map((e) => [e.user_id, (JSON.parse(e.after_summary!) as { reason: string }).reason]);
    expect(reasons).toEqual([...Array(5).fill([tom.id, 'wrong_pin']), [tom.id, 'locked']]);
  });

  it('never writes a PIN, a PIN hash or a session token into the log', async () => {
    const admin = await auth.setup({ name: 'Jo Whitaker', pin: '482100' });
    const tom = await createUser(
      t.db,
      { name: 'Tom Reed', role: 'crew', pin: '135792' },
      admin.user.id,
      pinOptions(),
    );
    await resetUserPin(t.db, { id: tom.id, pin: '975310' }, admin.user.id, pinOptions());
    await auth.signIn({ userId: tom.id, pin: '864200' }, null).catch(() => undefined);
    const session = await auth.signIn({ userId: tom.id, pin: '975310' }, null);
    await auth.signOut(session.token, session.user);
    const log = JSON.stringify(t.sqlite.prepare('SELECT * FROM audit_logs').all());
    expect(entries().length).toBeGreaterThanOrEqual(7);
    for (const secret of ['482100', '135792', '975310', '864200', 'scrypt$', session.token, admin.token]) {
      expect(log).not.toContain(secret);
    }
  });
});
