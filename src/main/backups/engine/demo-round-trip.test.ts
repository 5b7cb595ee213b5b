// The acceptance test: a --demo kiosk (the same loader, real ffmpeg footage; short small clips to stay
// fast) backed up while its database is open, restored into a new folder: identical rows in every table and
// identical file hashes, and the app opens the restored database as current.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type MagnumDatabase } from '../../../../db/open';
import { makeTempDir } from '../../../../db/test-support';
import { loadDemoData } from '../../demo/index';
import { backupDataDir, type BackupResult } from './backup';
import { verifyGeneration } from './generations';
import { restoreBackup } from './restore';
import { allRows, hashTree } from './test-support';

const dir = makeTempDir('magnum-demo-backup-');
const dataDir = path.join(dir, 'kiosk');
const root = path.join(dir, 'usb', 'MagnumStream-backups');
const restored = path.join(dir, 'restored');
let live: MagnumDatabase;
let backup: BackupResult;
const LEFT_OUT = ['magnum.db', 'magnum.db-wal', 'magnum.db-shm', 'logs', 'thumbs'];

beforeAll(async () => {
  const { recordingIds } = await loadDemoData({ dataDir, clipSeconds: 4, width: 320, height: 180 });
  // What a sold flight also has: its export and a photo (the demo makes footage only).
  const sold = path.join(dataDir, 'media', recordingIds[0]!);
  mkdirSync(path.join(sold, 'exports'), { recursive: true });
  mkdirSync(path.join(sold, 'photos'), { recursive: true });
  writeFileSync(path.join(sold, 'exports', 'souvenir.mp4'), 'export bytes');
  writeFileSync(path.join(sold, 'photos', 'photo-1.jpg'), 'photo bytes');
  live = await openDatabase(path.join(dataDir, 'magnum.db'));
  backup = await backupDataDir({ dataDir, root, keepGenerations: 2, sqlite: live.sqlite });
  await restoreBackup({ root, dataDir: restored });
}, 240_000);
afterAll(async () => {
  await live?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a demo kiosk backed up and restored', () => {
  it('has identical rows in every table', () => {
    const before = allRows(path.join(dataDir, 'magnum.db'));
    expect(Object.keys(before).length).toBeGreaterThan(20);
    expect(before.flight_recordings).toHaveLength(4);
    expect(allRows(path.join(restored, 'magnum.db'))).toEqual(before);
  });

  it('has identical file hashes', () => {
    const before = hashTree(dataDir, LEFT_OUT);
    expect([...before.keys()].filter((file) => file.endsWith('.mp4')).length).toBeGreaterThanOrEqual(24);
    expect(hashTree(restored, LEFT_OUT)).toEqual(before);
  });

  it('is a generation that verifies, and a database the app opens as current', async () => {
    expect(await verifyGeneration(root, backup.generation)).toEqual({ ok: true });
    const reopened = await openDatabase(path.join(restored, 'magnum.db'));
    expect(reopened.appliedMigrations).toEqual([]);
    await reopened.close();
  });
});
