import { describe, expect, it } from 'vitest';
import { createMagnumApi, keptInTab, SESSION_STORAGE_KEY, type Invoke, type TabStorage } from './api';
import { channelNames, type MagnumApi } from './contract';
import { fail, ok } from './errors';

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

/** A tab's sessionStorage, as far as the keeper uses it. */
function tabStorage(kept: Record<string, string> = {}): TabStorage & { kept: Record<string, string> } {
  return {
    kept,
    getItem: (key) => kept[key] ?? null,
    setItem: (key, value) => {
      kept[key] = value;
    },
    removeItem: (key) => {
      delete kept[key];
    },
  };
}

const KEPT = 'kept-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const NEW = 'new-token-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const ADA = { id: '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f', name: 'Ada', role: 'admin' };
const BEN = { id: '7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a', name: 'Ben', role: 'crew' };
const SIGN_IN = { userId: '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f', pin: '1234' };
const noEvents = () => () => {};
/** A chunk's call as the take sends it; the transports here never read it. */
const CHUNK = {} as Parameters<MagnumApi['capture']['chunk']>[0];

/** A transport that records the token each call carried and answers sign-ins with NEW. */
function recordingTransport(
  answer: (channel: string, session: string | undefined) => unknown = () => ok({}),
) {
  const sent: Array<[string, string | undefined]> = [];
  const invoke: Invoke = async (channel, _input, session) => {
    sent.push([channel, session]);
    if (channel === 'auth.signIn') return ok({ token: NEW });
    return answer(channel, session) as never;
  };
  return { sent, invoke };
}

const REFUSED = fail('UNAUTHENTICATED', 'Please sign in.');

/**
 * A screen that kept Ada's session (KEPT) through a reload and checked it, whose calls wait until the test
 * answers them as main would: `answer(channel, token, result)` answers the call of that channel carrying that
 * token, once it has been sent.
 */
async function screenOfAda() {
  const storage = tabStorage({ [SESSION_STORAGE_KEY]: KEPT });
  const sent: Array<[string, string | undefined]> = [];
  const waiting = new Map<string, (result: unknown) => void>();
  const api = createMagnumApi(
    (channel, _input, session) => {
      sent.push([channel, session]);
      if (channel === 'auth.session') return Promise.resolve(ok({ user: ADA }));
      return new Promise((resolve) => waiting.set(`${channel} ${session}`, resolve as never));
    },
    noEvents,
    undefined,
    keptInTab(() => storage),
  );
  await api.auth.session({});
  const answer = async (channel: string, token: string, result: unknown) => {
    const key = `${channel} ${token}`;
    for (let turn = 0; !waiting.has(key); turn++) {
      if (turn === 100) throw new Error(`${channel} was never sent with ${token}`);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    waiting.get(key)!(result);
    waiting.delete(key);
  };
  return { api, storage, sent, answer };
}

describe('the session token kept in the tab', () => {
  it('is used by the first call after a reload', async () => {
    const storage = tabStorage({ [SESSION_STORAGE_KEY]: KEPT });
    const { sent, invoke } = recordingTransport();
    const api = createMagnumApi(
      invoke,
      noEvents,
      undefined,
      keptInTab(() => storage),
    );
    await api.auth.session({});
    await api.users.list({});
    expect(sent).toEqual([
      ['auth.session', KEPT],
      ['users.list', KEPT],
    ]);
  });

  it('is written at sign-in and replaced by the next sign-in', async () => {
    const storage = tabStorage({ [SESSION_STORAGE_KEY]: KEPT });
    const { invoke } = recordingTransport();
    const api = createMagnumApi(
      invoke,
      noEvents,
      undefined,
      keptInTab(() => storage),
    );
    await api.auth.signIn(SIGN_IN);
    expect(storage.kept).toEqual({ [SESSION_STORAGE_KEY]: NEW });
  });

  it('is forgotten at sign-out, before main answers', async () => {
    const storage = tabStorage({ [SESSION_STORAGE_KEY]: KEPT });
    let keptDuringSignOut: string | undefined = 'not asked';
    const { sent, invoke } = recordingTransport((channel) => {
      if (channel === 'auth.signOut') keptDuringSignOut = storage.kept[SESSION_STORAGE_KEY];
      return ok({});
    });
    const api = createMagnumApi(
      invoke,
      noEvents,
      undefined,
      keptInTab(() => storage),
    );
    await api.auth.signOut({});
    await api.system.info({});
    expect(keptDuringSignOut).toBeUndefined();
    expect(storage.kept).toEqual({});
    expect(sent).toEqual([
      ['auth.signOut', KEPT],
      ['system.info', undefined],
    ]);
  });

  it('is forgotten at sign-out even when main cannot be reached', async () => {
    const storage = tabStorage({ [SESSION_STORAGE_KEY]: KEPT });
    const api = createMagnumApi(
      () => Promise.reject(new Error('socket closed')),
      noEvents,
      undefined,
      keptInTab(() => storage),
    );
    const result = await api.auth.signOut({});
    expect(!result.ok && result.error.code).toBe('UNAVAILABLE');
    expect(storage.kept).toEqual({});
  });

  it('is forgotten quietly when main no longer accepts it (expired, ended, person deactivated)', async () => {
    const storage = tabStorage({ [SESSION_STORAGE_KEY]: KEPT });
    const { sent, invoke } = recordingTransport(() => fail('UNAUTHENTICATED', 'Please sign in.'));
    const api = createMagnumApi(
      invoke,
      noEvents,
      undefined,
      keptInTab(() => storage),
    );
    const answer = await api.auth.session({});
    await api.auth.status({});
    expect(!answer.ok && answer.error.code).toBe('UNAUTHENTICATED');
    expect(storage.kept).toEqual({});
    expect(sent).toEqual([
      ['auth.session', KEPT],
      ['auth.status', undefined],
    ]);
  });

  it('is kept when another failure leaves the session in doubt (main unreachable for a moment)', async () => {
    const storage = tabStorage({ [SESSION_STORAGE_KEY]: KEPT });
    const { invoke } = recordingTransport(() => fail('UNAVAILABLE', 'The connection was lost.'));
    const api = createMagnumApi(
      invoke,
      noEvents,
      undefined,
      keptInTab(() => storage),
    );
    await api.auth.session({});
    expect(storage.kept).toEqual({ [SESSION_STORAGE_KEY]: KEPT });
  });

  it('sends a call refused for the token a sign-in replaced again with the new one (answered after)', async () => {
    const screen = await screenOfAda();
    const chunk = screen.api.capture.chunk(CHUNK);
    const signIn = screen.api.auth.signIn(SIGN_IN);
    await screen.answer('auth.signIn', KEPT, ok({ token: NEW, user: ADA }));
    await signIn;
    await screen.answer('capture.chunk', KEPT, REFUSED);
    await screen.answer('capture.chunk', NEW, ok('appended'));
    await expect(chunk).resolves.toEqual(ok('appended'));
    expect(screen.sent).toEqual([
      ['auth.session', KEPT],
      ['capture.chunk', KEPT],
      ['auth.signIn', KEPT],
      ['capture.chunk', NEW],
    ]);
    expect(screen.storage.kept).toEqual({ [SESSION_STORAGE_KEY]: NEW });
  });

  it('holds a refusal that arrives while the sign-in replacing its token is still out, then sends it again', async () => {
    // Main ends the old token inside the sign-in, so a call carrying it can be refused before the sign-in's
    // own answer reaches the screen: that refusal is not the end of the session either.
    const screen = await screenOfAda();
    const signIn = screen.api.auth.signIn(SIGN_IN);
    const chunk = screen.api.capture.chunk(CHUNK);
    await screen.answer('capture.chunk', KEPT, REFUSED);
    expect(screen.storage.kept).toEqual({ [SESSION_STORAGE_KEY]: KEPT });
    await screen.answer('auth.signIn', KEPT, ok({ token: NEW, user: ADA }));
    await signIn;
    await screen.answer('capture.chunk', NEW, ok('appended'));
    await expect(chunk).resolves.toEqual(ok('appended'));
    expect(screen.storage.kept).toEqual({ [SESSION_STORAGE_KEY]: NEW });
  });

  it('passes the refusal on when the sign-in under way is refused too (a wrong PIN)', async () => {
    const screen = await screenOfAda();
    const signIn = screen.api.auth.signIn(SIGN_IN);
    const chunk = screen.api.capture.chunk(CHUNK);
    await screen.answer('capture.chunk', KEPT, REFUSED);
    await screen.answer('auth.signIn', KEPT, fail('UNAUTHENTICATED', 'That PIN is not right.'));
    await signIn;
    const answer = await chunk;
    expect(!answer.ok && answer.error.code).toBe('UNAUTHENTICATED');
    expect(screen.sent.filter(([channel]) => channel === 'capture.chunk')).toHaveLength(1);
    expect(screen.storage.kept).toEqual({});
  });

  it('does not send a refused call again as somebody else who signed in meanwhile', async () => {
    // Ada's call must not run as Ben: it is refused as it was, and Ben's new session is kept.
    const screen = await screenOfAda();
    const call = screen.api.sales.void({
      saleId: '5c1f7a2e-3b4d-4e6f-8a9b-0c1d2e3f4a5b',
      status: 'voided',
      reason: 'Tapped twice',
    });
    const signIn = screen.api.auth.signIn(SIGN_IN);
    await screen.answer('auth.signIn', KEPT, ok({ token: NEW, user: BEN }));
    await signIn;
    await screen.answer('sales.void', KEPT, REFUSED);
    const answer = await call;
    expect(!answer.ok && answer.error.code).toBe('UNAUTHENTICATED');
    expect(screen.sent.filter(([channel]) => channel === 'sales.void')).toHaveLength(1);
    expect(screen.storage.kept).toEqual({ [SESSION_STORAGE_KEY]: NEW });
  });

  it('ignores a stored value that is not a token', async () => {
    const storage = tabStorage({ [SESSION_STORAGE_KEY]: 'x; Path=/' });
    const { sent, invoke } = recordingTransport();
    const api = createMagnumApi(
      invoke,
      noEvents,
      undefined,
      keptInTab(() => storage),
    );
    await api.users.list({});
    expect(sent).toEqual([['users.list', undefined]]);
  });

  it('lives in memory only when the storage cannot be used', async () => {
    const refusing: TabStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const { sent, invoke } = recordingTransport();
    const api = createMagnumApi(
      invoke,
      noEvents,
      undefined,
      keptInTab(() => refusing),
    );
    await api.auth.signIn(SIGN_IN);
    await api.users.list({});
    await api.auth.signOut({});
    expect(sent).toEqual([
      ['auth.signIn', undefined],
      ['users.list', NEW],
      ['auth.signOut', NEW],
    ]);
  });
});
