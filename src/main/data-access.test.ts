import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { channelNames, contract } from '../shared/contract';
import { createDataAccess, DATABASE_UNAVAILABLE } from './data-access';
import { createDispatcher } from './ipc/dispatch';
import { createHandlers } from './ipc/handlers';
import type { SystemService } from './system/service';

const logger = pino({ level: 'silent' });

describe('without a database', () => {
  it('refuses database work with UNAVAILABLE and a plain reason', () => {
    const data = createDataAccess({ handle: null });
    expect(() => data.db()).toThrow(DATABASE_UNAVAILABLE);
    try {
      data.db();
    } catch (error) {
      expect(error).toMatchObject({ code: 'UNAVAILABLE' });
    }
  });

  it('answers every public channel that needs the database with UNAVAILABLE, never a crash', async () => {
    const system = {
      info: async () => ({}),
      reportRendererError: () => ({ logged: true }),
    } as unknown as SystemService;
    const dispatch = createDispatcher({
      handlers: createHandlers({ system, data: createDataAccess({ handle: null }) }),
      logger,
    });
    const publicDataChannels = channelNames.filter(
      (name) => contract[name].access === 'public' && !name.startsWith('system.'),
    );
    expect(publicDataChannels.length).toBeGreaterThan(0);
    for (const channel of publicDataChannels) {
      const result = await dispatch({ channel, input: contract[channel].example, transport: 'websocket' });
      expect([channel, !result.ok && result.error.code]).toEqual([channel, 'UNAVAILABLE']);
    }
  });
});
