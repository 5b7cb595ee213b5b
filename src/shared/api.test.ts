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
