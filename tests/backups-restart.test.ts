// A restore on the browser kiosk host, in one process: the main services stop, the restored folder is switched
// in, the services start again, and the host serves on at the same address throughout. Every screen is told and
// must sign in again; a restore without sign-in (first start, damaged database) is reported to the screen that
// asked and to nobody else. Real data folders, real SQLite, the real engine, real WebSockets.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMainApp, type MainApp } from '../src/main/app';
import { FAST_PIN_PARAMS } from '../src/main/auth/test-support';
import { readBackupFile } from '../src/main/backups/settings-file';
import { startKioskServer, type KioskServer } from '../src/main/kiosk/server';
import { createMediaService } from '../src/main/media/serve';
import type { AuthStatus, SessionInfo } from '../src/shared/auth';
import type { BackupGeneration, BackupRunProgress, RecoveryOptions } from '../src/shared/backups';
import type { Result } from '../src/shared/errors';
import type { SystemInfo } from '../src/shared/system';
import { makeDataDir } from './support/kiosk-process';
import { ScreenClient } from './support/screen-client';

const PIN = '482100';

interface Kiosk {
  dataDir: string;
  app: MainApp;
  server: KioskServer;
  screens: ScreenClient[];
}

const kiosks: Kiosk[] = [];
const cleanup: string[] = [];
let usb: string;

async function startKiosk(dataDir: string): Promise<Kiosk> {
  const app = await startMainApp({
    dataDir,
    host: 'browser',
    downloadPort: 0,
    data: { pinParams: FAST_PIN_PARAMS },
  });
  const rendererDir = makeDataDir();
  cleanup.push(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>MagnumStream</title>');
  const server = await startKioskServer({
    host: '127.0.0.1',
    port: 0,
    rendererDir,
    dispatch: app.dispatch,
    events: app.feed,
    audience: app.audience,
    logger: app.logger,
    thumbnails: app.thumbnails,
    media: createMediaService({ dataDir, db: () => app.database.handle?.db ?? null, logger: app.logger }),
  });
  const kiosk = { dataDir, app, server, screens: [] };
  kiosks.push(kiosk);
  return kiosk;
}

async function screen(kiosk: Kiosk): Promise<ScreenClient> {
  const client = await ScreenClient.open(kiosk.server.url);
  kiosk.screens.push(client);
  return client;
}

function valueOf<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const progressOf = (client: ScreenClient) =>
  client.events.filter((e) => e.event === 'backups.progress').map((e) => e.payload as BackupRunProgress);

/** Backs up the kiosk's data folder to the USB folder from an admin's screen; resolves once it is verified. */
async function backUp(admin: ScreenClient): Promise<BackupGeneration> {
  const started = valueOf<BackupRunProgress>(await admin.call('backups.backUpNow', { folder: usb }));
  const ended = await admin.waitForEvent(
    (e) =>
      e.event === 'backups.progress' &&
      (e.payload as BackupRunProgress).runId === started.runId &&
      (e.payload as BackupRunProgress).state !== 'running',
    60_000,
  );
  expect(ended.payload).toMatchObject({ state: 'done' });
  const generations = valueOf<BackupGeneration[]>(await admin.call('backups.generations', { folder: usb }));
  return generations[0]!;
}

async function httpStatus(url: string): Promise<number> {
  return (await fetch(url)).status;
}

const setAside = (dataDir: string) =>
  readdirSync(path.dirname(dataDir)).filter((name) =>
    name.startsWith(`${path.basename(dataDir)}.before-restore-`),
  );

let generation: BackupGeneration;
let adminId: string;

beforeAll(async () => {
  usb = makeDataDir();
  cleanup.push(usb);
  // The kiosk whose backup the others restore: one admin, backed up to the USB folder.
  const source = await startKiosk(makeDataDir());
  const admin = await screen(source);
  const session = valueOf<SessionInfo>(await admin.call('auth.setup', { name: 'Maria Lopez', pin: PIN }));
  admin.session = session.token;
  adminId = session.user.id;
  generation = await backUp(admin);
});

afterAll(async () => {
  for (const kiosk of kiosks) {
    for (const client of kiosk.screens) client.close();
    await kiosk.server.close();
    await kiosk.app.close();
    for (const name of setAside(kiosk.dataDir)) cleanup.push(path.join(path.dirname(kiosk.dataDir), name));
    cleanup.push(kiosk.dataDir);
  }
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

describe('an admin’s restore', () => {
  it('restarts the services in the same process: the host serves on, every screen is told and signs in again', async () => {
    const kiosk = kiosks[0]!;
    const admin = kiosk.screens[0]!;
    const { url } = kiosk.server;
    const lobby = await screen(kiosk);
    // A change after the backup, which the restore must undo.
    valueOf(await admin.call('users.create', { name: 'Added After Backup', role: 'crew', pin: '135700' }));

    const restored = await admin.call('backups.restore', { folder: usb, generation: generation.name });
    expect(restored.ok).toBe(true);

    // Every screen, signed in or not, hears it and goes back to sign-in.
    await admin.waitForEvent((e) => e.event === 'backups.restored');
    await lobby.waitForEvent((e) => e.event === 'backups.restored');
    // Its progress reached the admin up to the switch; backups.restored is its end, for everyone.
    expect(progressOf(admin).at(-1)).toMatchObject({ kind: 'restore', phase: 'switching' });
    expect(progressOf(lobby)).toEqual([]);
    // Nobody stays signed in: the session the admin had is gone.
    expect(await admin.call('auth.session', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });

    // Same address, same sockets, the restored data.
    expect(kiosk.server.url).toBe(url);
    expect(await httpStatus(url)).toBe(200);
    const status = valueOf<AuthStatus>(await lobby.call('auth.status', {}));
    expect(status.people.map((person) => person.name)).toEqual(['Maria Lopez']);
    const again = valueOf<SessionInfo>(await lobby.call('auth.signIn', { userId: adminId, pin: PIN }));
    expect(again.user.name).toBe('Maria Lopez');
    const info = valueOf<SystemInfo>(await lobby.call('system.info', {}));
    expect(info.database.state).toBe('ok');
    expect(info.backup.lastVerifiedAt).toBe(generation.createdAt);

    // The data it replaced is kept beside the data folder; the log carries on in the restored folder.
    const [previous] = setAside(kiosk.dataDir);
    expect(previous).toBeDefined();
    expect(existsSync(path.join(path.dirname(kiosk.dataDir), previous!, 'magnum.db'))).toBe(true);
    expect(readFileSync(path.join(kiosk.dataDir, 'logs', 'magnum.log'), 'utf8')).toContain(
      'main services restarted',
    );

    // The audit log and the history say who restored what.
    const audit = await kiosk.app.database
      .handle!.db.selectFrom('audit_logs')
      .selectAll()
      .where('action', '=', 'restore')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ user_id: adminId, entity_type: 'backup' });
    const history = (await readBackupFile(kiosk.dataDir)).history;
    expect(history.map((run) => [run.kind, run.outcome])).toEqual([
      ['restore', 'verified'],
      ['backup', 'verified'],
    ]);
  });
});

describe('the in-process restart', () => {
  it('holds calls made meanwhile and answers them from the new services', async () => {
    const kiosk = await startKiosk(makeDataDir());
    const client = await screen(kiosk);
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const restarting = kiosk.app.restart(() => gate);
    let answered = false;
    const call = client.call('system.info', {}).then((result) => {
      answered = true;
      return result;
    });
    for (let tick = 0; tick < 20; tick += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    expect(kiosk.app.database.handle).toBeNull();
    open();
    await restarting;
    expect(valueOf<SystemInfo>(await call).database.state).toBe('ok');
    expect(await httpStatus(kiosk.server.url)).toBe(200);
  });

  it('starts again on the data folder as it was when the switch fails, and says why', async () => {
    const kiosk = await startKiosk(makeDataDir());
    const client = await screen(kiosk);
    valueOf(await client.call('auth.setup', { name: 'Ann Admin', pin: PIN }));
    await expect(
      kiosk.app.restart(async () => {
        throw new Error('the drive went away');
      }),
    ).rejects.toThrow('the drive went away');
    const status = valueOf<AuthStatus>(await client.call('auth.status', {}));
    expect(status.people.map((person) => person.name)).toEqual(['Ann Admin']);
  });
});

describe('the first-start restore', () => {
  it('is reported to the screen that asked, and to nobody else until every screen is told it is done', async () => {
    const kiosk = await startKiosk(makeDataDir());
    const asker = await screen(kiosk);
    const bystander = await screen(kiosk);
    const options = valueOf<RecoveryOptions>(await asker.call('backups.recoveryOptions', {}));
    expect(options.reason).toBe('first-start');
    const listed = valueOf<BackupGeneration[]>(
      await asker.call('backups.recoveryGenerations', { folder: usb }),
    );
    expect(listed.map((g) => g.name)).toEqual([generation.name]);

    valueOf(await asker.call('backups.recoveryRestore', { folder: usb, generation: generation.name }));
    await bystander.waitForEvent((e) => e.event === 'backups.restored');
    expect(progressOf(asker).length).toBeGreaterThan(0);
    expect(progressOf(asker).every((p) => p.kind === 'restore')).toBe(true);
    expect(progressOf(bystander)).toEqual([]);

    const status = valueOf<AuthStatus>(await asker.call('auth.status', {}));
    expect(status.needsSetup).toBe(false);
    // Now that a manager exists, restoring without sign-in is over.
    expect(await asker.call('backups.recoveryOptions', {})).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });
});

describe('the recovery of a damaged database', () => {
  it('restores only from the kiosk machine itself, and the kiosk starts on the restored database', async () => {
    const dataDir = makeDataDir();
    mkdirSync(dataDir, { recursive: true });
    const damaged = 'this is not a database '.repeat(200);
    writeFileSync(path.join(dataDir, 'magnum.db'), damaged);
    const kiosk = await startKiosk(dataDir);
    const local = await screen(kiosk);
    const before = valueOf<SystemInfo>(await local.call('system.info', {}));
    expect(before.database.state).toBe('damaged');

    // A machine on the LAN may not.
    const fromLan = await kiosk.app.dispatch({
      channel: 'backups.recoveryRestore',
      input: { folder: usb, generation: generation.name },
      transport: 'websocket',
      peer: { connection: 'socket:lan', address: '192.168.1.20' },
    });
    expect(fromLan).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    expect(valueOf<RecoveryOptions>(await local.call('backups.recoveryOptions', {})).reason).toBe(
      'damaged-database',
    );
    valueOf(await local.call('backups.recoveryRestore', { folder: usb, generation: generation.name }));
    const after = valueOf<SystemInfo>(await local.call('system.info', {}));
    expect(after.database.state).toBe('ok');
    // The damaged file is kept, as it was, beside the data folder.
    const [previous] = setAside(dataDir);
    expect(readFileSync(path.join(path.dirname(dataDir), previous!, 'magnum.db'), 'utf8')).toBe(damaged);
  });
});
