// The backups service on real data folders, real SQLite and the real engine: where backups may go, a backup by
// hand and at the daily time, stopping one, and who may restore without signing in.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../db/test-support';
import type { BackupRunProgress } from '../../shared/backups';
import { createAuthService } from '../auth/service';
import { FAST_PIN_PARAMS } from '../auth/test-support';
import { AppFailure } from '../errors';
import { createEventHub } from '../ipc/events';
import { openAppDatabase, type AppDatabase } from '../system/database';
import { listGenerations } from './engine';
import { makeKioskFolder } from './engine/test-support';
import { createBackupService, lastVerifiedBackup, type BackupService } from './service';
import { readBackupFile } from './settings-file';

const logger = pino({ level: 'silent' });

let dir: string;
let dataDir: string;
let usb: string;
let database: AppDatabase;
let service: BackupService;
let progress: BackupRunProgress[];
let clock: number;
let adminId: string;

async function refusal(promise: Promise<unknown>): Promise<AppFailure> {
  const error = await promise.then(
    () => null,
    (failure: unknown) => failure,
  );
  if (!(error instanceof AppFailure)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

function start(options: { onProgress?: (progress: BackupRunProgress) => void } = {}): BackupService {
  const events = createEventHub();
  events.subscribe((event, payload) => {
    if (event !== 'backups.progress') return;
    progress.push(payload as BackupRunProgress);
    options.onProgress?.(payload as BackupRunProgress);
  });
  return createBackupService({
    dataDir,
    database,
    events,
    logger,
    now: () => new Date(clock),
    utcOffsetMinutes: () => 0,
    drives: async () => [{ dir: usb, label: 'Drive BACKUP' }],
  });
}

beforeEach(async () => {
  dir = makeTempDir('magnum-backups-');
  dataDir = path.join(dir, 'data');
  usb = path.join(dir, 'usb');
  mkdirSync(usb);
  await makeKioskFolder(dataDir, { flights: 3 });
  database = await openAppDatabase(path.join(dataDir, 'magnum.db'), logger);
  const admin = await createAuthService(database.handle!.db, { pinParams: FAST_PIN_PARAMS }).setup({
    name: 'Maria Lopez',
    pin: '482100',
  });
  adminId = admin.user.id;
  progress = [];
  clock = Date.UTC(2026, 5, 2, 12);
  service = start();
});

afterEach(async () => {
  await service.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('where backups may go', () => {
  it('refuses a folder that is not a whole path', async () => {
    const error = await refusal(
      service.saveSettings({ target: 'usb', dailyAt: null, keepGenerations: 3 }, adminId),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/not a whole folder path/);
  });

  it('refuses a folder that is not there, naming it', async () => {
    const missing = path.join(dir, 'unplugged');
    const error = await refusal(service.backUpNow({ folder: missing }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain(missing);
  });

  it('refuses a file', async () => {
    writeFileSync(path.join(dir, 'a-file'), 'x');
    const error = await refusal(service.generations(path.join(dir, 'a-file')));
    expect(error.message).toMatch(/is a file, not a folder/);
  });

  it('refuses a folder inside the data folder, and one that holds it', async () => {
    const inside = await refusal(service.backUpNow({ folder: path.join(dataDir, 'media') }));
    expect(inside.message).toMatch(/inside the kiosk's own data folder/);
    const around = await refusal(service.backUpNow({ folder: dir }));
    expect(around.message).toMatch(/holds the kiosk's own data folder/);
    expect(readdirSync(dir).sort()).toEqual(['data', 'usb']);
  });

  it('saves the target, the daily time and how many to keep in backup.json, and audits the change', async () => {
    const status = await service.saveSettings({ target: usb, dailyAt: '22:30', keepGenerations: 4 }, adminId);
    expect(status.settings).toEqual({ target: usb, dailyAt: '22:30', keepGenerations: 4 });
    expect(status.targetPresent).toBe(true);
    expect(status.nextDailyAt).toBe('2026-06-02T22:30:00.000Z');
    expect(await readBackupFile(dataDir)).toMatchObject({
      target: usb,
      dailyAt: '22:30',
      keepGenerations: 4,
    });
    const audit = await database
      .handle!.db.selectFrom('audit_logs')
      .selectAll()
      .where('entity_type', '=', 'backup_settings')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ user_id: adminId, action: 'update' });
  });

  it('lists the drives plugged in, saying which hold backups', async () => {
    expect((await service.status()).places).toEqual([
      { dir: usb, label: 'Drive BACKUP', kind: 'drive', hasBackups: false, freeBytes: expect.any(Number) },
    ]);
  });
});

describe('a backup by hand', () => {
  it('backs up to the saved target with progress in bytes and files, and records the verified run', async () => {
    await service.saveSettings({ target: usb, dailyAt: null, keepGenerations: 3 }, adminId);
    const started = await service.backUpNow({});
    expect(started).toMatchObject({
      kind: 'backup',
      state: 'running',
      root: path.join(usb, 'MagnumStream-backups'),
    });
    expect((await service.status()).running?.runId).toBe(started.runId);
    await service.idle();

    const files = progress.filter((p) => p.phase === 'files');
    expect(files.length).toBeGreaterThan(0);
    expect(files.at(-1)!.bytesTotal).toBeGreaterThan(0);
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ runId: started.runId, state: 'done' });
    expect(last.message).toMatch(/^Backup verified/);

    const status = await service.status();
    expect(status.running).toBeNull();
    const [generation] = await listGenerations(path.join(usb, 'MagnumStream-backups'));
    expect(status.history[0]).toMatchObject({
      kind: 'backup',
      trigger: 'manual',
      outcome: 'verified',
      generation: generation!.name,
    });
    expect(await service.generations(usb)).toEqual([generation]);
    expect(await lastVerifiedBackup(dataDir)).toEqual({
      at: generation!.createdAt,
      root: path.join(usb, 'MagnumStream-backups'),
      generation: generation!.name,
    });
    expect(status.places[0]?.hasBackups).toBe(true);
  });

  it('asks for a target when none is saved and none is given', async () => {
    const error = await refusal(service.backUpNow({}));
    expect(error.message).toMatch(/Choose where backups go first/);
  });

  it('runs one backup at a time', async () => {
    await service.backUpNow({ folder: usb });
    const error = await refusal(service.backUpNow({ folder: usb }));
    expect(error.code).toBe('CONFLICT');
    await service.idle();
  });

  it('stops when asked, leaving the backups made before as they were', async () => {
    await service.backUpNow({ folder: usb });
    await service.idle();
    const before = await service.generations(usb);
    clock += 3_600_000;
    progress = [];
    let stopped = false;
    // Stopped as soon as it copies files: the same moment whatever the speed of the disk.
    const second = start({
      onProgress: (p) => {
        if (p.phase === 'files' && p.state === 'running' && !stopped) stopped = second.cancel().cancelled;
      },
    });
    await second.backUpNow({ folder: usb });
    await second.idle();
    expect(stopped).toBe(true);
    expect(progress.at(-1)).toMatchObject({ state: 'cancelled' });
    expect(await service.generations(usb)).toEqual(before);
    expect((await readBackupFile(dataDir)).history[0]).toMatchObject({ outcome: 'cancelled' });
    await second.close();
  });
});

describe('the daily backup', () => {
  it('runs at the set time when the target is there', async () => {
    await service.saveSettings({ target: usb, dailyAt: '22:30', keepGenerations: 3 }, adminId);
    clock = Date.UTC(2026, 5, 2, 22, 31);
    await service.runDailyIfDue();
    await service.idle();
    expect((await readBackupFile(dataDir)).history[0]).toMatchObject({
      trigger: 'daily',
      outcome: 'verified',
    });
    // Not twice for the same time.
    clock += 60_000;
    await service.runDailyIfDue();
    expect((await readBackupFile(dataDir)).history).toHaveLength(1);
  });

  it('skips and says so when the drive is not plugged in', async () => {
    await service.saveSettings({ target: usb, dailyAt: '22:30', keepGenerations: 3 }, adminId);
    rmSync(usb, { recursive: true });
    clock = Date.UTC(2026, 5, 2, 22, 31);
    await service.runDailyIfDue();
    const [run] = (await readBackupFile(dataDir)).history;
    expect(run).toMatchObject({ trigger: 'daily', outcome: 'skipped' });
    expect(run?.message).toContain(`${usb} was not there`);
  });
});

describe('restoring without sign-in', () => {
  it('is for the first start only: refused once the kiosk has a manager', async () => {
    const error = await refusal(service.recoveryReason({ address: '192.168.1.20' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/already has a manager/);
  });

  it('is allowed at the kiosk machine while no manager exists, never from the network', async () => {
    const fresh = path.join(dir, 'fresh');
    const freshDatabase = await openAppDatabase(path.join(fresh, 'magnum.db'), logger);
    const firstStart = createBackupService({
      dataDir: fresh,
      database: freshDatabase,
      events: createEventHub(),
      logger,
      drives: async () => [],
    });
    expect(await firstStart.recoveryReason({ address: 'local' })).toBe('first-start');
    expect(await firstStart.recoveryReason({ address: '127.0.0.1' })).toBe('first-start');
    const fromNetwork = await refusal(firstStart.recoveryReason({ address: '192.168.1.20' }));
    expect(fromNetwork.code).toBe('FORBIDDEN');
    expect(fromNetwork.message).toMatch(/at the kiosk itself/);
    await freshDatabase.close();
  });

  it('is allowed for a damaged database only at the kiosk machine itself', async () => {
    const damagedDir = path.join(dir, 'damaged');
    mkdirSync(damagedDir);
    writeFileSync(path.join(damagedDir, 'magnum.db'), 'this is not a database '.repeat(200));
    const damaged = await openAppDatabase(path.join(damagedDir, 'magnum.db'), logger);
    const recovery = createBackupService({
      dataDir: damagedDir,
      database: damaged,
      events: createEventHub(),
      logger,
      drives: async () => [],
    });
    expect(await recovery.recoveryReason({ address: '127.0.0.1' })).toBe('damaged-database');
    expect(await recovery.recoveryReason({ address: 'local' })).toBe('damaged-database');
    const error = await refusal(recovery.recoveryReason({ address: '192.168.1.20' }));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/at the kiosk itself/);
  });

  it('offers the last verified backup from backup.json', async () => {
    await service.backUpNow({ folder: usb });
    await service.idle();
    const options = await service.recoveryOptions('damaged-database');
    expect(options.lastBackup).toEqual(await lastVerifiedBackup(dataDir));
    expect(options.places.map((place) => place.dir)).toEqual([usb]);
  });

  it('cannot restore without a way to restart, and copies nothing then', async () => {
    await service.backUpNow({ folder: usb });
    await service.idle();
    const [generation] = await service.generations(usb);
    const error = await refusal(
      service.restore(
        { folder: usb, generation: generation!.name },
        { trigger: 'manual', userId: adminId, connection: 'direct' },
      ),
    );
    expect(error.code).toBe('UNAVAILABLE');
    expect(readdirSync(dir).sort()).toEqual(['data', 'usb']);
  });
});
