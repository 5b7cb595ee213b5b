import { describe, expect, it } from 'vitest';
import { createMagnumApi } from './api';
import { channelNames } from './contract';
import { ok } from './errors';

describe('createMagnumApi', () => {
  it('exposes every contract channel as window.magnum.<area>.<verb>', async () => {
    const calls: Array<[string, unknown]> = [];
    const api = createMagnumApi(
      async (channel, input) => {
        calls.push([channel, input]);
        return ok('answer');
      },
      () => () => {},
    ) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
    for (const name of channelNames) {
      const [area, verb] = name.split('.') as [string, string];
      await expect(api[area]![verb]!({ probe: name })).resolves.toEqual(ok('answer'));
    }
    expect(calls.map(([channel]) => channel)).toEqual(channelNames);
  });

  it('turns a transport failure into an UNAVAILABLE error value instead of throwing', async () => {
    const api = createMagnumApi(
      () => Promise.reject(new Error('socket closed')),
      () => () => {},
    );
    const result = await api.system.info({});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('UNAVAILABLE');
  });

  it('refuses an answer that is not a Result', async () => {
    const api = createMagnumApi(
      async () => ({ weird: true }) as never,
      () => () => {},
    );
    const result = await api.system.info({});
    expect(!result.ok && result.error.code).toBe('INTERNAL');
  });

  it('delivers events to the listeners of that event only, and stops after unsubscribe', () => {
    let emit: (event: string, payload: unknown) => void = () => {};
    const api = createMagnumApi(
      async () => ok(null),
      (listener) => {
        emit = listener;
        return () => {};
      },
    );
    const seen: unknown[] = [];
    const off = api.on('system.notice', (payload) => seen.push(payload));
    emit('system.notice', { level: 'info', message: 'hello' });
    emit('other.event', { level: 'info', message: 'not for us' });
    off();
    emit('system.notice', { level: 'info', message: 'after' });
    expect(seen).toEqual([{ level: 'info', message: 'hello' }]);
  });
});

describe('the session token', () => {
  it('is kept after sign-in, sent with every later call, and dropped at sign-out', async () => {
    const sent: Array<[string, string | undefined]> = [];
    const api = createMagnumApi(
      async (channel, _input, session) => {
        sent.push([channel, session]);
        return channel === 'auth.signIn'
          ? ok({ token: 'T1', user: {}, expiresAt: '', idleLockMinutes: 10 })
          : ok({});
      },
      () => () => {},
    );
    await api.system.info({});
    await api.auth.signIn({ userId: '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f', pin: '1234' });
    await api.users.list({});
    await api.auth.signOut({});
    await api.system.info({});
    expect(sent).toEqual([
      ['system.info', undefined],
      ['auth.signIn', undefined],
      ['users.list', 'T1'],
      ['auth.signOut', 'T1'],
      ['system.info', undefined],
    ]);
  });

  it('is dropped when main says the session is no longer valid', async () => {
    const sent: Array<string | undefined> = [];
    let expired = false;
    const api = createMagnumApi(
      async (channel, _input, session) => {
        sent.push(session);
        if (channel === 'auth.setup') return ok({ token: 'T2' });
        if (expired) return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Please sign in.' } };
        return ok({});
      },
      () => () => {},
    );
    await api.auth.setup({ name: 'Ana', pin: '1234' });
    expired = true;
    await api.users.list({});
    await api.users.list({});
    expect(sent).toEqual([undefined, 'T2', undefined]);
  });

  it('is kept when a sign-in is refused, so a wrong PIN on the lock screen does not end the session', async () => {
    const sent: Array<string | undefined> = [];
    let signIns = 0;
    const api = createMagnumApi(
      async (channel, _input, session) => {
        sent.push(session);
        if (channel !== 'auth.signIn') return ok({});
        signIns += 1;
        return signIns === 1
          ? ok({ token: 'T3' })
          : { ok: false, error: { code: 'UNAUTHENTICATED', message: 'That PIN is not right.' } };
      },
      () => () => {},
    );
    const id = '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f';
    await api.auth.signIn({ userId: id, pin: '1234' });
    await api.auth.signIn({ userId: id, pin: '9999' });
    await api.users.list({});
    expect(sent).toEqual([undefined, 'T3', 'T3']);
  });
});
