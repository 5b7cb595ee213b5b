// The fleet report's channels (reports.fleet, reports.fleetStatus) through the real dispatcher, with a real central PostgreSQL: admins only, the
// range checked like the kiosk's report, and plain words when no central database is set or it cannot be
// reached.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetReportView } from '../../../shared/reports';
import { createDataAccess } from '../../data-access';
import { createDispatcher, type Dispatch, type SessionUser } from '../../ipc/dispatch';
import { createHandlers } from '../../ipc/handlers';
import type { SystemService } from '../../system/service';
import { NO_CENTRAL_DATABASE } from '../../reports/handlers';
import { openCentral } from '../central/connect';
import type { CentralFor } from './service';
import { RANGE, startTestFleet, type TestFleet } from './test-support';

let fleet: TestFleet;
let people: Record<string, SessionUser>;

beforeAll(async () => {
  fleet = await startTestFleet();
  const zurich = fleet.kiosks[0];
  const id = (name: string) => zurich?.people[name] ?? '';
  people = {
    admin: { id: id('ada'), name: 'Ada Meier', role: 'admin' },
    crew: { id: id('maya'), name: 'Maya Lindqvist', role: 'crew' },
    pilot: { id: id('erik'), name: 'Capt. Erik Halvorsen', role: 'pilot' },
  };
});

afterAll(async () => {
  await fleet?.close();
});

function dispatcherWith(centralFor: CentralFor | undefined): Dispatch {
  const zurich = fleet.kiosks[0];
  if (!zurich) throw new Error('no kiosk');
  const data = createDataAccess({ handle: zurich.database });
  return createDispatcher({
    handlers: createHandlers({ system: {} as SystemService, data, centralFor }),
    logger: pino({ level: 'silent' }),
    resolveUser: (session) => people[session] ?? null,
  });
}

const set: CentralFor = async () => ({ db: fleet.central, url: fleet.appUrl });
const call = (dispatch: Dispatch, channel: string, input: unknown, session = 'admin') =>
  dispatch({ channel, input, session, transport: 'websocket' });

describe('reports.fleet', () => {
  it('answers an admin with every airfield and the totals', async () => {
    const result = await call(dispatcherWith(set), 'reports.fleet', RANGE);
    expect(result.ok).toBe(true);
    const view = (result.ok ? result.value : null) as FleetReportView;
    expect(view.airfields.map((a) => a.stationId)).toEqual(['kbjc', 'lsgs', 'lszh']);
    expect(view.totals.map((t) => [t.currency, t.revenueCents])).toEqual([
      ['CHF', 7000],
      ['USD', 9500],
    ]);
  });

  it('is for admins only', async () => {
    const dispatch = dispatcherWith(set);
    for (const channel of ['reports.fleet', 'reports.fleetStatus']) {
      const input = channel === 'reports.fleet' ? RANGE : {};
      for (const session of ['crew', 'pilot']) {
        const refused = await call(dispatch, channel, input, session);
        expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
      }
      const signedOut = await call(dispatch, channel, input, '');
      expect(!signedOut.ok && signedOut.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a range the kiosk’s report refuses', async () => {
    const result = await call(dispatcherWith(set), 'reports.fleet', { from: '2025-11-04', to: '2025-10-24' });
    expect(!result.ok && result.error).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('The first day must not be after the last day.'),
    });
  });

  it('says so when no central database is set, wired or not', async () => {
    for (const dispatch of [dispatcherWith(async () => null), dispatcherWith(undefined)]) {
      const result = await call(dispatch, 'reports.fleet', RANGE);
      expect(!result.ok && result.error).toEqual({ code: 'UNAVAILABLE', message: NO_CENTRAL_DATABASE });
    }
  });

  it('says in plain words that the central database cannot be reached, without its password', async () => {
    const gone = new URL(fleet.appUrl);
    gone.port = '1';
    const db = openCentral(gone.toString(), { connectTimeoutMs: 2_000 });
    try {
      const result = await call(
        dispatcherWith(async () => ({ db, url: gone.toString() })),
        'reports.fleet',
        RANGE,
      );
      expect(!result.ok && result.error.code).toBe('UNAVAILABLE');
      const message = !result.ok ? result.error.message : '';
      expect(message).toContain(
        'Cannot reach the central database (database fleet on 127.0.0.1:1 as magnum_app)',
      );
      expect(message).not.toContain(gone.password);
    } finally {
      await db.destroy();
    }
  });

  it('says so when the app role’s password is wrong', async () => {
    const wrong = new URL(fleet.appUrl);
    wrong.password = 'not-the-password-at-all';
    const db = openCentral(wrong.toString());
    try {
      const result = await call(
        dispatcherWith(async () => ({ db, url: wrong.toString() })),
        'reports.fleet',
        RANGE,
      );
      expect(!result.ok && result.error.code).toBe('UNAVAILABLE');
      expect(!result.ok && result.error.message).toMatch(/^The central database refused the sign-in/);
    } finally {
      await db.destroy();
    }
  });
});

describe('reports.fleetStatus', () => {
  it('tells the screen whether all airfields can be shown', async () => {
    const available = async (centralFor: CentralFor | undefined) => {
      const result = await call(dispatcherWith(centralFor), 'reports.fleetStatus', {});
      return result.ok ? result.value : result.error;
    };
    expect(await available(set)).toEqual({ available: true });
    expect(await available(async () => null)).toEqual({ available: false });
    expect(await available(undefined)).toEqual({ available: false });
  });
});
