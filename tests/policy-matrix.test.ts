// The access policy, generated from the contract: every channel × {no session, pilot, crew, admin}, against
// the real app in-process, and every event × the same callers (at the end). A channel added to the contract is
// covered here without editing this file; an event needs one sample payload line.
//
// Allowed callers must get past the access check (their call may still fail for its own reasons, e.g.
// NOT_FOUND for the example's made-up id); other roles get FORBIDDEN; no session gets UNAUTHENTICATED.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMainApp, type MainApp } from '../src/main/app';
import { FAST_PIN_PARAMS } from '../src/main/auth/test-support';
import { startKioskServer, type KioskServer } from '../src/main/kiosk/server';
import {
  channelNames,
  contract,
  eventNames,
  type ChannelName,
  type EventName,
  type PayloadOf,
  type UserRole,
} from '../src/shared/contract';
import { OUTBOX_STATES } from '../src/shared/delivery';
import type { Result } from '../src/shared/errors';
import type { SessionInfo } from '../src/shared/auth';
import type { UserSummary } from '../src/shared/users';
import { makeDataDir } from './support/kiosk-process';
import { ScreenClient } from './support/screen-client';

type Caller = 'nobody' | UserRole;

const callers: Array<[Caller, string]> = [
  ['nobody', 'someone not signed in'],
  ['pilot', 'a pilot'],
  ['crew', 'a crew member'],
  ['admin', 'an admin'],
];

const PINS: Record<UserRole, string> = { admin: '482100', crew: '135700', pilot: '246800' };

let app: MainApp;
let dataDir: string;
const people = {} as Record<UserRole, string>;

async function call(channel: ChannelName, input: unknown, session?: string): Promise<Result<unknown>> {
  return app.dispatch({ channel, input, session, transport: 'websocket' });
}

function valueOf<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** A fresh session per cell, so a cell that signs out cannot change the outcome of the next. */
async function sessionFor(caller: Caller): Promise<string | undefined> {
  if (caller === 'nobody') return undefined;
  const signedIn = await call('auth.signIn', { userId: people[caller], pin: PINS[caller] });
  return valueOf<SessionInfo>(signedIn).token;
}

beforeAll(async () => {
  dataDir = makeDataDir();
  app = await startMainApp({ dataDir, host: 'browser', data: { pinParams: FAST_PIN_PARAMS } });
  const admin = valueOf<SessionInfo>(await call('auth.setup', { name: 'Policy Admin', pin: PINS.admin }));
  people.admin = admin.user.id;
  for (const role of ['crew', 'pilot'] as const) {
    const created = await call(
      'users.create',
      { name: `Policy ${role}`, role, pin: PINS[role] },
      admin.token,
    );
    people[role] = valueOf<UserSummary>(created).id;
  }
});

afterAll(async () => {
  await app?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function expectation(channel: ChannelName, caller: Caller): 'allowed' | 'FORBIDDEN' | 'UNAUTHENTICATED' {
  const { access } = contract[channel];
  if (access === 'public') return 'allowed';
  if (caller === 'nobody') return 'UNAUTHENTICATED';
  return (access as readonly UserRole[]).includes(caller) ? 'allowed' : 'FORBIDDEN';
}

describe.each(channelNames)('%s', (channel) => {
  it.each(
    callers.map(([caller, who]) => {
      const expected = expectation(channel, caller);
      const title = expected === 'allowed' ? `lets ${who} through` : `refuses ${who} with ${expected}`;
      return [title, caller, expected] as const;
    }),
  )('%s', async (_title, caller, expected) => {
    const result = await call(channel, contract[channel].example, await sessionFor(caller));
    const code = result.ok ? null : result.error.code;
    if (expected === 'allowed') {
      expect(['FORBIDDEN', 'UNAUTHENTICATED', 'INTERNAL']).not.toContain(code);
    } else {
      expect(code).toBe(expected);
    }
  });
});

// Events, generated the same way: every event × {no session, pilot, crew, admin}, each a real WebSocket to a kiosk
// server over this app, signed in through the socket like a screen. The flight and the sale the events are about
// belong to the crew member (they checked the flight in and sold it); the pilot did not fly it.
describe('events', () => {
  let server: KioskServer;
  const screens = {} as Record<Caller, ScreenClient>;
  let samples: {
    [E in EventName]: {
      payload: PayloadOf<E>;
      about: 'the crew’s flight' | 'nothing private' | 'a backup' | 'every screen';
    };
  };
  let fences = 0;

  beforeAll(async () => {
    const db = app.database.handle!.db;
    const recordingId = randomUUID();
    const sceneId = randomUUID();
    const saleId = randomUUID();
    await db
      .insertInto('flight_recordings')
      .values({
        id: recordingId,
        passenger_names: 'Anna Keller',
        customer_email: 'anna@example.com',
        flight_at: '2025-06-01T09:30:00.000Z',
        created_by: people.crew,
        staff_member: people.crew,
      })
      .execute();
    await db
      .insertInto('scene_recordings')
      .values({ id: sceneId, recording_id: recordingId, scene_type: 'cruising', scene_index: 1 })
      .execute();
    await db
      .insertInto('sales')
      .values({
        id: saleId,
        recording_id: recordingId,
        bundle: 'video_only',
        amount_cents: 2500,
        currency: 'USD',
        payment_method: 'card',
        sale_date: '2025-06-01T10:30:00.000Z',
        staff_member: people.crew,
      })
      .execute();
    const at = '2025-06-01T10:00:00.000Z';
    // One line per event: an event added to the contract without one here does not compile.
    samples = {
      'capture.takeEnded': {
        payload: { takeId: randomUUID(), sceneId, reason: 'idle' },
        about: 'the crew’s flight',
      },
      'delivery.progress': {
        payload: {
          saleId,
          stage: 'copy',
          copiedBytes: 1,
          totalBytes: 2,
          fileName: 'anna-keller.mp4',
          done: false,
        },
        about: 'the crew’s flight',
      },
      'delivery.outboxChanged': {
        payload: {
          id: randomUUID(),
          saleId,
          channel: 'email',
          recipient: 'anna@example.com',
          status: OUTBOX_STATES[0],
          attempts: 0,
          lastError: null,
          nextAttemptAt: at,
          createdAt: at,
          sentAt: null,
        },
        about: 'the crew’s flight',
      },
      'delivery.drivesChanged': {
        payload: {
          drives: [{ id: 'a1b2c3d4e5f6a1b2c3d4e5f6', label: 'Drive KINGSTON', kind: 'drive', freeBytes: 1 }],
          added: ['a1b2c3d4e5f6a1b2c3d4e5f6'],
        },
        about: 'nothing private',
      },
      'delivery.customerScreen': {
        payload: {
          saleId,
          firstName: 'Anna',
          operatorName: 'Skyline Tours',
          url: 'http://192.168.1.20:8787/d/abc',
          qr: { size: 1, rows: ['1'] },
          showUntil: at,
        },
        about: 'the crew’s flight',
      },
      'delivery.customerScreenCleared': { payload: { saleId: null }, about: 'nothing private' },
      'exports.progress': {
        payload: {
          id: randomUUID(),
          recordingId,
          kind: 'video',
          status: 'completed',
          progress: 1,
          etaSeconds: null,
          error: null,
          attempts: 1,
          createdAt: at,
          startedAt: at,
          finishedAt: at,
          videoUrl: `/media/${recordingId}/exports/flight.mp4`,
          posterUrl: null,
          photoUrls: [],
        },
        about: 'the crew’s flight',
      },
      'photos.importProgress': {
        payload: { recordingId, stage: 'copying', done: 1, total: 2 },
        about: 'the crew’s flight',
      },
      'storage.progress': {
        payload: {
          operation: 'apply',
          filesDone: 1,
          filesTotal: 2,
          bytesDone: 10,
          bytesTotal: 20,
          done: false,
        },
        about: 'nothing private',
      },
      'system.notice': { payload: { level: 'info', message: 'Storage is low' }, about: 'nothing private' },
      // Admins only: no screen here started a restore without signing in (backups.test.ts covers that one).
      'backups.progress': {
        payload: {
          runId: randomUUID(),
          kind: 'backup',
          state: 'running',
          phase: 'files',
          bytesDone: 1,
          bytesTotal: 2,
          filesDone: 1,
          filesTotal: 2,
          etaSeconds: 5,
          root: '/media/kiosk/BACKUP/MagnumStream-backups',
          message: null,
        },
        about: 'a backup',
      },
      'backups.restored': { payload: { restoredAt: at, generationCreatedAt: at }, about: 'every screen' },
      // The status strip under the sign-in screen shows it.
      'fleet.statusChanged': {
        payload: { configured: true, pending: 12, lastPushAt: at, lastError: null },
        about: 'every screen',
      },
    };

    server = await startKioskServer({
      host: '127.0.0.1',
      port: 0,
      rendererDir: dataDir,
      dispatch: app.dispatch,
      events: app.feed,
      audience: app.audience,
      logger: app.logger,
    });
    for (const [caller] of callers) {
      screens[caller] = await ScreenClient.open(server.url);
      if (caller !== 'nobody') await screens[caller].signIn(people[caller], PINS[caller]);
    }
  });

  afterAll(async () => {
    for (const screen of Object.values(screens)) screen.close();
    await server?.close();
  });

  /** The events of this name and payload that reached `caller` once everything emitted so far is delivered. */
  async function received(caller: Caller, event: EventName, payload: unknown): Promise<number> {
    // Events are delivered in order: once the admin has this fence, every earlier event has been sent, and a
    // call's answer on a socket comes after anything sent to that socket before it.
    const fence = `fence ${++fences}`;
    app.events.emit('system.notice', { level: 'info', message: fence });
    await screens.admin.waitForEvent((e) => (e.payload as { message?: string }).message === fence);
    await screens[caller].call('auth.status', {});
    const wanted = JSON.stringify(payload);
    return screens[caller].events.filter((e) => e.event === event && JSON.stringify(e.payload) === wanted)
      .length;
  }

  function receives(event: EventName, caller: Caller): boolean {
    const { about } = samples[event];
    if (about === 'every screen') return true;
    if (caller === 'nobody') return false;
    if (about === 'a backup') return caller === 'admin';
    return about === 'nothing private' || caller !== 'pilot';
  }

  describe.each(eventNames)('%s', (event) => {
    it.each(callers.map(([caller, who]) => [who, caller] as const))(
      'reaches %s only if allowed',
      async (_who, caller) => {
        const { payload } = samples[event];
        const before = await received(caller, event, payload);
        app.events.emit(event, payload as never);
        expect(await received(caller, event, payload)).toBe(before + (receives(event, caller) ? 1 : 0));
      },
    );
  });
});
