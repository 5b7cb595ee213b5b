// The fleet channels behind the real dispatcher (roles and input checks apply), on a real database file: the
// central database's password goes in and never comes out, a bad address is refused in plain words, the status
// counts what waits in the change log and reaches the screens when it changes, and Test connection and Sync now
// say plainly that the central database cannot be reached (nothing listens at ADDRESS; the pushing itself is
// tested in sync/agent.test.ts against a real server).
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtures, openTempDatabase, type TempDatabase } from '../../../db/test-support';
import type { Result } from '../../shared/errors';
import type { ConnectionTestResult, FleetSettingsView, SyncStatus } from '../../shared/fleet';
import { createDataAccess } from '../data-access';
import { createDispatcher, type SessionUser } from '../ipc/dispatch';
import { createEventHub } from '../ipc/events';
import { handlersWith, valueOf } from '../ipc/test-support';
import { createLocalKeyBox } from '../mail/secret-box';
import type { SecretBoxes } from '../mail/settings';
import { createFlightRecording } from '../recordings/service';
import { fleetHandlers } from './handlers';
import { connectionStringOf, openFleetConnection } from './settings';
import { markPushed, readBatch } from './sync/change-log';
import { createSyncStatusWatch } from './sync/status';
import { wireFleet, type FleetWiring } from './wiring';

const PASSWORD = 'Hangar-Door-4471';
const ADDRESS = 'postgres://kiosk@127.0.0.1:5432/fleet';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let t: TempDatabase | undefined;
let fleet: FleetWiring | undefined;
afterEach(async () => {
  await fleet?.close();
  await t?.dispose();
  fleet = undefined;
  t = undefined;
});

async function openFleetBench() {
  t = await openTempDatabase();
  const f = fixtures(t.sqlite);
  const person = (name: string, role: SessionUser['role']): SessionUser => ({
    id: f.user({ name, role }).id,
    name,
    role,
  });
  const admin = person('Maria Lopez', 'admin');
  const crew = person('Tom Reed', 'crew');
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => logs.push(line) });
  const data = createDataAccess({ handle: t }, { now: () => new Date('2026-12-02T10:00:00.000Z') });
  const box = createLocalKeyBox(t.dir);
  const boxes: SecretBoxes = { preferred: box, all: [box] };
  const events = createEventHub();
  const heard: SyncStatus[] = [];
  events.subscribe((event, payload) => {
    if (event === 'fleet.statusChanged') heard.push(payload as SyncStatus);
  });
  // The agent tries only when asked (Sync now): on its own it would notice a save within half a second, try
  // ADDRESS, and record the failure while a test reads the status.
  const syncTiming = { checkEveryMs: 3_600_000, firstRetryMs: 3_600_000 };
  fleet = wireFleet({ data, dataDir: t.dir, logger, events, boxes, syncTiming });
  const users = new Map([
    ['admin', admin],
    ['crew', crew],
  ]);
  const dispatch = createDispatcher({
    handlers: handlersWith(fleetHandlers(fleet.service)),
    logger,
    resolveUser: (session) => users.get(session) ?? null,
  });
  /** `session` '' is nobody signed in. */
  const call = async <T>(channel: string, input: unknown, session = 'admin') =>
    (await dispatch({ channel, input, session, transport: 'websocket' })) as Result<T>;
  const value = async <T>(channel: string, input: unknown, session = 'admin') =>
    valueOf(await call<T>(channel, input, session));
  const settings = { url: ADDRESS, password: PASSWORD, airfieldName: 'Alpine Field', enabled: true };
  return { t, data, boxes, admin, crew, call, value, logs, heard, settings, fleet };
}

const codeOf = (result: Result<unknown>) => (result.ok ? 'ok' : result.error.code);

describe('the fleet channels', () => {
  it('are for admins only, but anyone may read how syncing stands', async () => {
    const b = await openFleetBench();
    for (const [channel, input] of [
      ['fleet.settings', {}],
      ['fleet.saveSettings', b.settings],
      ['fleet.testConnection', {}],
      ['fleet.syncNow', {}],
    ] as const) {
      expect(codeOf(await b.call(channel, input, 'crew')), channel).toBe('FORBIDDEN');
      expect(codeOf(await b.call(channel, input, '')), channel).toBe('UNAUTHENTICATED');
    }
    expect(await b.value<SyncStatus>('fleet.status', {}, '')).toMatchObject({ configured: false });
  });

  it('say passwordSet instead of the password, keep it when none is typed, and clear it when asked', async () => {
    const b = await openFleetBench();
    const before = await b.value<FleetSettingsView>('fleet.settings', {});
    expect(before).toMatchObject({ configured: false, passwordSet: false, currency: 'USD' });
    expect(before.stationId).toMatch(UUID);
    expect(before.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);

    const saved = await b.value<FleetSettingsView>('fleet.saveSettings', b.settings);
    expect(saved).toMatchObject({
      configured: true,
      enabled: true,
      address: ADDRESS,
      host: '127.0.0.1',
      port: 5432,
      database: 'fleet',
      user: 'kiosk',
      passwordSet: true,
      passwordKeptBy: 'local-key',
      airfieldName: 'Alpine Field',
      stationId: before.stationId,
      updatedAt: '2026-12-02T10:00:00.000Z',
    });
    expect(JSON.stringify(saved)).not.toContain(PASSWORD);
    expect((await openFleetConnection(b.data.db(), b.boxes))?.password).toBe(PASSWORD);

    await b.value('fleet.saveSettings', {
      ...b.settings,
      password: undefined,
      airfieldName: 'Alpine Field 2',
    });
    expect(await b.value<FleetSettingsView>('fleet.settings', {})).toMatchObject({
      passwordSet: true,
      airfieldName: 'Alpine Field 2',
    });
    expect((await openFleetConnection(b.data.db(), b.boxes))?.password).toBe(PASSWORD);
    await b.value('fleet.saveSettings', { ...b.settings, password: undefined, clearPassword: true });
    expect(await b.value<FleetSettingsView>('fleet.settings', {})).toMatchObject({ passwordSet: false });
    expect((await openFleetConnection(b.data.db(), b.boxes))?.password).toBeNull();
  });

  it('seals a password written in the address and stores the address without it', async () => {
    const b = await openFleetBench();
    // Switched off: the agent would otherwise look db.example.com up on the network.
    const saved = await b.value<FleetSettingsView>('fleet.saveSettings', {
      ...b.settings,
      url: `postgresql://kiosk:${encodeURIComponent('p@ss/word%1')}@db.example.com/fleet?sslmode=require`,
      password: undefined,
      enabled: false,
    });
    expect(saved.address).toBe('postgresql://kiosk@db.example.com:5432/fleet?sslmode=require');
    expect(saved.passwordSet).toBe(true);
    const stored = b.t.sqlite.prepare('SELECT url FROM fleet_settings').pluck().get();
    expect(stored).toBe(saved.address);
    const connection = (await openFleetConnection(b.data.db(), b.boxes))!;
    expect(connection).toMatchObject({
      password: 'p@ss/word%1',
      host: 'db.example.com',
      options: { sslmode: 'require' },
    });
    // The one string with the password in it, for node-postgres: the password reads back exactly.
    const full = new URL(connectionStringOf(connection));
    expect(decodeURIComponent(full.password)).toBe('p@ss/word%1');
    // node-postgres checks the certificate for sslmode=require: the string says so (libpq would not).
    expect(`${full.protocol}//${full.username}@${full.host}${full.pathname}${full.search}`).toBe(
      'postgresql://kiosk@db.example.com:5432/fleet?sslmode=verify-full',
    );
    expect(saved.transport).toBe('verified');
  });

  it('refuses bad addresses in plain words without repeating them, and saves nothing', async () => {
    const b = await openFleetBench();
    const refusals: Array<[string, RegExp]> = [
      ['mysql://kiosk:Pw-1@db.example.com/fleet', /starts with postgres:\/\/ or postgresql:\/\//],
      ['postgres://kiosk:Pw-1@db.example.com', /ends with the database’s name/],
      ['postgres://:Pw-1@db.example.com/fleet', /needs the user name before the @/],
      ['postgres://kiosk:Pw-1@db.example.com:99999/fleet', /cannot be read/],
      ['postgres://kiosk@db example.com/fleet', /cannot be read|letters, digits, dots/],
      ['postgres://kiosk@db.example.com/fleet?password=Pw-1', /Put the password after the user name/],
      ['postgres://kiosk@db.example.com/fleet?sslmode=sometimes', /sslmode is one of/],
      ['postgres://kiosk:%zz@db.example.com/fleet', /A % in the address/],
      ['', /Type the central database’s address/],
    ];
    for (const [url, message] of refusals) {
      const result = await b.call('fleet.saveSettings', { ...b.settings, url }, 'admin');
      expect(codeOf(result), url).toBe('VALIDATION');
      const error = !result.ok ? result.error : null;
      expect(error?.issues?.[0]).toMatchObject({ path: 'url', message: expect.stringMatching(message) });
      expect(JSON.stringify(error), url).not.toContain('Pw-1');
    }
    const both = await b.call('fleet.saveSettings', { ...b.settings, url: `postgres://kiosk:Pw-1@h/fleet` });
    expect(!both.ok && both.error.issues?.[0]).toMatchObject({
      path: 'password',
      message: expect.stringMatching(/Keep only one/),
    });
    const nameless = await b.call('fleet.saveSettings', { ...b.settings, airfieldName: '  ' });
    expect(!nameless.ok && nameless.error.issues?.[0]?.path).toBe('airfieldName');
    expect(await b.value<FleetSettingsView>('fleet.settings', {})).toMatchObject({ configured: false });
    expect(b.t.sqlite.prepare('SELECT count(*) FROM fleet_settings').pluck().get()).toBe(0);
  });

  it('keeps the password out of the log and the audit trail', async () => {
    const b = await openFleetBench();
    await b.value('fleet.saveSettings', b.settings);
    await b.value('fleet.saveSettings', {
      ...b.settings,
      url: `postgres://kiosk:Second-Secret-99@127.0.0.1/fleet`,
      password: undefined,
    });
    await b.call('fleet.testConnection', {});
    await b.call('fleet.syncNow', {});
    await b.call('fleet.saveSettings', {
      ...b.settings,
      url: 'postgres://kiosk:Third-Secret-7@127.0.0.1:0/fleet',
      password: undefined,
    });
    const audit = JSON.stringify(b.t.sqlite.prepare('SELECT * FROM audit_logs').all());
    expect(audit).toContain('fleet.settings_saved');
    const summaries = (
      b.t.sqlite
        .prepare(`SELECT after_summary FROM audit_logs WHERE action = 'fleet.settings_saved' ORDER BY rowid`)
        .pluck()
        .all() as string[]
    ).map((text) => JSON.parse(text) as { passwordChanged: boolean; address: string });
    expect(summaries.map((summary) => [summary.address, summary.passwordChanged])).toEqual([
      [ADDRESS, true],
      ['postgres://kiosk@127.0.0.1:5432/fleet', true],
    ]);
    for (const secret of [PASSWORD, 'Second-Secret-99', 'Third-Secret-7']) {
      expect(b.logs.join('')).not.toContain(secret);
      expect(audit).not.toContain(secret);
    }
    // The audit entries are themselves pushed to the fleet: nor is the password in what waits to be sent.
    expect(JSON.stringify(await readBatch(b.t.db, { limit: 1000 }))).not.toContain(PASSWORD);
  });
});

describe('syncing to a central database that cannot be reached', () => {
  it('says so plainly, records the failure for the status strip, and records no push', async () => {
    const b = await openFleetBench();
    const notYet = await b.call('fleet.testConnection', {});
    expect(!notYet.ok && notYet.error.message).toMatch(/Save the central database’s address first/);
    const off = await b.call('fleet.syncNow', {});
    expect(!off.ok && off.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/Syncing is off/),
    });

    await b.value('fleet.saveSettings', b.settings);
    const unreachable =
      /^Cannot reach the central database \(database fleet on 127\.0\.0\.1:5432 as kiosk\): nothing answers/;
    const tested = await b.value<ConnectionTestResult>('fleet.testConnection', {});
    expect(tested).toEqual({ ok: false, message: expect.stringMatching(unreachable) });
    const sync = await b.call('fleet.syncNow', {});
    expect(!sync.ok && sync.error).toEqual({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(unreachable),
    });
    expect(b.t.sqlite.prepare('SELECT * FROM sync_state').get()).toMatchObject({
      last_pushed_seq: 0,
      last_push_at: null,
      last_error: expect.stringMatching(unreachable),
    });
    // Every screen hears why, but not where the central database is or as whom the kiosk signs in: the
    // status is public (the strip under the sign-in screen, and any device on the kiosk's network).
    const shown = 'Cannot reach the central database: nothing answers at that address and port.';
    const status = await b.value<SyncStatus>('fleet.status', {}, '');
    expect(status).toMatchObject({ configured: true, lastError: expect.stringContaining(shown) });
    expect(status.lastError).not.toMatch(/127\.0\.0\.1|5432|as kiosk|fleet on/);
    const heard = b.heard.filter((payload) => payload.lastError);
    expect(heard.length).toBeGreaterThan(0);
    for (const payload of heard) expect(payload.lastError).not.toMatch(/127\.0\.0\.1|5432|as kiosk/);
  });
});

describe('the sync status', () => {
  it('counts the changes that wait once syncing is on, and tells the screens when it changes', async () => {
    const b = await openFleetBench();
    const waiting = b.t.sqlite.prepare('SELECT count(*) FROM sync_changes').pluck().get() as number;
    expect(waiting).toBeGreaterThan(0);
    expect(await b.value<SyncStatus>('fleet.status', {}, '')).toEqual({
      configured: false,
      pending: waiting,
      lastPushAt: null,
      lastError: null,
    });

    await b.value('fleet.saveSettings', b.settings);
    // Saving wrote an audit entry, which waits too.
    const on: SyncStatus = { configured: true, pending: waiting + 1, lastPushAt: null, lastError: null };
    expect(await b.value<SyncStatus>('fleet.status', {}, '')).toEqual(on);
    expect(b.heard.at(-1)).toEqual(on);

    const heardBefore = b.heard.length;
    await b.value('fleet.status', {}, '');
    expect(b.heard).toHaveLength(heardBefore);

    await createFlightRecording(b.t.db, { passenger_names: 'Anna Keller' }, b.crew.id);
    const entries = await readBatch(b.t.db, { limit: 1000 });
    await markPushed(b.t.db, entries.at(-1)!.seq, new Date('2026-12-02T10:05:00.000Z'));
    const pushed = await b.value<SyncStatus>('fleet.status', {}, '');
    expect(pushed).toEqual({
      configured: true,
      pending: 0,
      lastPushAt: '2026-12-02T10:05:00.000Z',
      lastError: null,
    });
    expect(b.heard.at(-1)).toEqual(pushed);
    expect(b.fleet.agent.status()).toEqual(pushed);
  });

  it('is read again by itself every few seconds while syncing is on', async () => {
    const b = await openFleetBench();
    await b.value('fleet.saveSettings', b.settings);
    await b.fleet.close();
    const events = createEventHub();
    const heard = new Promise<SyncStatus>((resolve) =>
      events.subscribe((event, payload) => {
        if (event === 'fleet.statusChanged' && (payload as SyncStatus).pending === 0)
          resolve(payload as SyncStatus);
      }),
    );
    const watch = createSyncStatusWatch({
      data: b.data,
      events,
      logger: pino({ level: 'silent' }),
      pollMs: 20,
    });
    try {
      await watch.refresh();
      expect(watch.current().pending).toBeGreaterThan(0);
      // A push somewhere else (the agent) empties the log: the next poll notices without being asked.
      b.t.sqlite.prepare('DELETE FROM sync_changes').run();
      expect(await heard).toMatchObject({ configured: true, pending: 0 });
    } finally {
      watch.close();
    }
  });
});
