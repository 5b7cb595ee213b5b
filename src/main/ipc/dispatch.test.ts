import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import type { SystemInfo } from '../../shared/system';
import { AppFailure } from '../errors';
import { checkAccess, createDispatcher, type Handlers, type SessionUser } from './dispatch';
import { handlersWith } from './test-support';

const logger = pino({ level: 'silent' });
const info = { appName: 'MagnumStream' } as SystemInfo;

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return handlersWith({
    'system.info': () => info,
    'system.reportRendererError': () => ({ logged: true }),
    ...overrides,
  });
}

describe('dispatch', () => {
  it('answers a valid call with the handler value', async () => {
    const dispatch = createDispatcher({ handlers: handlers(), logger });
    await expect(dispatch({ channel: 'system.info', input: {}, transport: 'websocket' })).resolves.toEqual({
      ok: true,
      value: info,
    });
  });

  it('refuses an unknown channel, including inherited object keys', async () => {
    const dispatch = createDispatcher({ handlers: handlers(), logger });
    for (const channel of ['nope.nothing', 'toString', '__proto__', 'constructor', 42, null]) {
      const result = await dispatch({ channel, input: {}, transport: 'websocket' });
      expect(!result.ok && result.error.code).toBe('UNKNOWN_CHANNEL');
    }
  });

  it('never lets invalid input reach the handler', async () => {
    const handler = vi.fn(() => ({ logged: true as const }));
    const dispatch = createDispatcher({
      handlers: handlers({ 'system.reportRendererError': handler }),
      logger,
    });
    const result = await dispatch({
      channel: 'system.reportRendererError',
      input: { screen: 'home', message: 'x'.repeat(10_000) },
      transport: 'electron',
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('VALIDATION');
    expect(!result.ok && result.error.issues?.[0]?.path).toBe('message');
    expect(handler).not.toHaveBeenCalled();
  });

  it('says what was refused in words, leaving the field’s code name to the issues', async () => {
    const dispatch = createDispatcher({ handlers: handlers(), logger });
    const result = await dispatch({
      channel: 'recordings.checkIn',
      input: { passengerNames: 'Ana Silva', customerEmail: 'not-an-address' },
      transport: 'websocket',
    });
    expect(!result.ok && result.error.message).toBe(
      'Some of the information was not accepted. That is not an e-mail address. Check it and try again.',
    );
    expect(!result.ok && result.error.issues?.[0]?.path).toBe('customerEmail');
  });

  it('keeps validation messages short even when the offending key is huge', async () => {
    const dispatch = createDispatcher({ handlers: handlers(), logger });
    const result = await dispatch({
      channel: 'system.info',
      input: { ['k'.repeat(100_000)]: 1 },
      transport: 'websocket',
    });
    expect(!result.ok && result.error.message.length).toBeLessThan(1_000);
  });

  it('turns an AppFailure into its code and message', async () => {
    const dispatch = createDispatcher({
      handlers: handlers({
        'system.info': () => {
          throw new AppFailure('NOT_FOUND', 'That flight no longer exists.');
        },
      }),
      logger,
    });
    const result = await dispatch({ channel: 'system.info', input: {}, transport: 'websocket' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'That flight no longer exists.' },
    });
  });

  it('hides an unexpected error behind a reference the log can be searched for', async () => {
    const dispatch = createDispatcher({
      handlers: handlers({
        'system.info': () => {
          throw new TypeError('secret internals at /home/x');
        },
      }),
      logger,
    });
    const result = await dispatch({ channel: 'system.info', input: {}, transport: 'websocket' });
    expect(!result.ok && result.error.code).toBe('INTERNAL');
    expect(!result.ok && result.error.message).toMatch(/reference [0-9A-F]{6}/);
    expect(!result.ok && result.error.message).not.toContain('secret');
  });

  it.each([
    ['SQLITE_CONSTRAINT_UNIQUE', 'CONFLICT'],
    ['SQLITE_CONSTRAINT_FOREIGNKEY', 'CONFLICT'],
    ['SQLITE_CONSTRAINT_PRIMARYKEY', 'CONFLICT'],
    ['SQLITE_CONSTRAINT_CHECK', 'VALIDATION'],
    ['SQLITE_CONSTRAINT_NOTNULL', 'VALIDATION'],
  ])('reports a database refusal %s as %s', async (sqliteCode, appCode) => {
    const dispatch = createDispatcher({
      handlers: handlers({
        'system.info': () => {
          throw Object.assign(new Error('constraint failed'), { code: sqliteCode });
        },
      }),
      logger,
    });
    const result = await dispatch({ channel: 'system.info', input: {}, transport: 'websocket' });
    expect(!result.ok && result.error.code).toBe(appCode);
  });

  it('passes the signed-in user to the handler', async () => {
    const user: SessionUser = { id: 'u1', name: 'Ana', role: 'crew' };
    const handler = vi.fn(() => info);
    const dispatch = createDispatcher({
      handlers: handlers({ 'system.info': handler }),
      logger,
      resolveUser: (token) => (token === 'good' ? user : null),
    });
    const peer = { connection: 'window:1', address: 'local' };
    await dispatch({ channel: 'system.info', input: {}, session: 'good', transport: 'electron', peer });
    expect(handler).toHaveBeenCalledWith({}, { user, session: 'good', transport: 'electron', peer });
  });
});

describe('checkAccess', () => {
  const crew: SessionUser = { id: 'c', name: 'Crew', role: 'crew' };
  const admin: SessionUser = { id: 'a', name: 'Admin', role: 'admin' };

  it('lets anyone call a public channel', () => {
    expect(checkAccess('public', null)).toBeNull();
  });

  it('asks for sign-in when a channel needs a role and nobody is signed in', () => {
    expect(checkAccess(['crew'], null)?.ok === false && checkAccess(['crew'], null)).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('refuses a role the channel does not list', () => {
    expect(checkAccess(['admin'], crew)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('allows a role the channel lists', () => {
    expect(checkAccess(['admin', 'crew'], crew)).toBeNull();
    expect(checkAccess(['admin'], admin)).toBeNull();
  });
});
